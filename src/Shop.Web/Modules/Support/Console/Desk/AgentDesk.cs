using Shop.Web.Modules.Support.Callbacks;
using Microsoft.EntityFrameworkCore;
using Shop.Web.Modules.Cart.Contracts;
using Shop.Web.Modules.Catalog.Contracts;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Modules.Ordering.Contracts;
using Shop.Web.Modules.Support.Chat;
using Shop.Web.Modules.Support.Console.Canned;
using Shop.Web.Modules.Support.Console.Ratings;
using Shop.Web.Modules.Support.Console.Sla;
using Shop.Web.Modules.Support.Contracts;
using Shop.Web.Modules.Support.Data;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Errors;
using Shop.Web.Platform.Outbox;

namespace Shop.Web.Modules.Support.Console.Desk;

/// <summary>
/// Support's side of one conversation: read it whole (notes and events included, the customer's orders
/// and cart beside it) and act on it. The conversation owns the rules; each action stores its message
/// (a reply, a note or a system event) before anyone is told. Null means there is no such conversation.
/// </summary>
public sealed class AgentDesk(ShopDbContext db, IOutbox outbox, IStaffDirectory staff, ICustomerDirectory customers,
    ICustomerOrderReferences orders, ICustomerCarts carts, ICatalogLookup catalog, CannedReplies canned, SlaClock sla, SupportPush push, ChatAssignment assignment,
    CallbackDesk callbacks)
{
    public const int RecentOrders = 5;

    public async Task<AgentConversationView?> ViewAsync(Guid id, CancellationToken cancellationToken = default) =>
        await db.Set<Conversation>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken) is { } conversation
            ? await ViewAsync(conversation, cancellationToken) : null;

    /// <summary>The agent's answer to the customer (a leading shortcut expands); an unassigned conversation becomes theirs.</summary>
    public async Task<AgentMessageView?> ReplyAsync(Guid id, Guid agentId, AgentMessageRequest request, CancellationToken cancellationToken = default) =>
        await ActAsync(id, agentId, async (conversation, agent, now) =>
        {
            var customer = await CustomerAsync(conversation);
            var body = await canned.ExpandAsync(Required(request.Body), customer.Name, cancellationToken);
            if (body.Length > CannedReply.MaxBodyLength)
                throw new InputValidationException(nameof(AgentMessageRequest.Body), "With the canned reply the message is over 4,000 characters; shorten it.");
            var messages = new List<SupportMessage>();
            if (conversation.AssigneeId is null)
                messages.Add(conversation.AssignTo(agent, agentId, now, transfer: false));
            messages.Add(conversation.Post(AuthorKind.Agent, agentId, body, now));
            return messages;
        }, (conversationId, messageId) => new SupportMessagePosted(conversationId, messageId), cancellationToken);

    /// <summary>An internal note: support's own, never shown to the customer; it changes nothing about whose turn it is.</summary>
    public Task<AgentMessageView?> NoteAsync(Guid id, Guid agentId, AgentMessageRequest request, CancellationToken cancellationToken = default) =>
        ActAsync(id, agentId, (conversation, _, now) => One(conversation.Post(AuthorKind.Note, agentId, Required(request.Body), now)), announce: null, cancellationToken);

    public Task<AgentMessageView?> TakeAsync(Guid id, Guid agentId, CancellationToken cancellationToken = default) =>
        ActAsync(id, agentId, (conversation, agent, now) => One(conversation.AssignTo(agent, agentId, now, transfer: false)), announce: null, cancellationToken);

    /// <summary>Hands the conversation to another agent; anyone who is not a support or admin user is refused.</summary>
    public Task<AgentMessageView?> TransferAsync(Guid id, Guid agentId, TransferRequest request, CancellationToken cancellationToken = default) =>
        ActAsync(id, agentId, async (conversation, _, now) =>
        {
            var toId = request.AgentId ?? throw new InputValidationException(nameof(TransferRequest.AgentId), "Choose an agent.");
            var to = await staff.FindAgentAsync(toId, cancellationToken) is { } member
                ? new AssigneeCandidate(member.UserId, member.Name, IsAgent: true)
                : new AssigneeCandidate(toId, (await staff.NamesAsync([toId], cancellationToken)).GetValueOrDefault(toId) ?? "That user", IsAgent: false);
            return [conversation.AssignTo(to, agentId, now, transfer: true)];
        }, announce: null, cancellationToken);

    public Task<AgentMessageView?> SetPriorityAsync(Guid id, Guid agentId, PriorityRequest request, CancellationToken cancellationToken = default) =>
        ActAsync(id, agentId, (conversation, _, now) => One(conversation.ChangePriority(
            request.Priority ?? throw new InputValidationException(nameof(PriorityRequest.Priority), "Choose a priority."), agentId, now)),
            announce: null, cancellationToken);

    public Task<AgentMessageView?> SnoozeAsync(Guid id, Guid agentId, SnoozeRequest request, CancellationToken cancellationToken = default) =>
        ActAsync(id, agentId, (conversation, _, now) => One(conversation.Snooze(
            request.Until ?? throw new InputValidationException(nameof(SnoozeRequest.Until), "Choose when it should come back."), agentId, now)),
            announce: null, cancellationToken);

    public Task<AgentMessageView?> ResolveAsync(Guid id, Guid agentId, CancellationToken cancellationToken = default) =>
        ActAsync(id, agentId, (conversation, _, now) =>
        {
            if (conversation.Status == ConversationStatus.Resolved)
                throw new ConflictException("support.already_resolved", "The conversation is already resolved.");
            return One(conversation.Resolve(agentId, now));
        }, (conversationId, messageId) => new ConversationResolved(conversationId, messageId), cancellationToken);

    public Task<AgentMessageView?> ReopenAsync(Guid id, Guid agentId, CancellationToken cancellationToken = default) =>
        ActAsync(id, agentId, (conversation, _, now) => One(conversation.Reopen(agentId, now)), announce: null, cancellationToken);

    /// <summary>The agent has read everything (notes included): the customer sees their messages as read.</summary>
    public async Task<bool> MarkReadAsync(Guid id, Guid agentId, CancellationToken cancellationToken = default)
    {
        if (!await db.Set<Conversation>().AnyAsync(c => c.Id == id, cancellationToken))
            return false;
        var last = await db.Set<SupportMessage>().Where(m => m.ConversationId == id).MaxAsync(m => (long?)m.Id, cancellationToken);
        if (last is not null)
            await ReadPositions.MoveAsync(db.Database, id, agentId.ToString(), last.Value, cancellationToken);
        return true;
    }

    private delegate Task<List<SupportMessage>> Action(Conversation conversation, AssigneeCandidate agent, DateTimeOffset now);

    private static Task<List<SupportMessage>> One(SupportMessage message) => Task.FromResult(new List<SupportMessage> { message });

    private static string Required(string? body) =>
        string.IsNullOrWhiteSpace(body) ? throw new InputValidationException(nameof(AgentMessageRequest.Body), "Write a message.") : body;

    private async Task<AgentMessageView?> ActAsync(Guid id, Guid agentId, Action act, Func<Guid, long, IIntegrationEvent>? announce, CancellationToken cancellationToken)
    {
        var conversation = await db.Set<Conversation>().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (conversation is null)
            return null;
        var me = await staff.FindAgentAsync(agentId, cancellationToken);
        var agent = new AssigneeCandidate(agentId, me?.Name ?? "Support", me is not null);
        var messages = await act(conversation, agent, sla.Now);
        db.AddRange(messages);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        var last = messages[^1];
        if (announce is not null)
        {
            outbox.Add(announce(conversation.Id, last.Id));
            await db.SaveChangesAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        await MarkReadAsync(id, agentId, cancellationToken);
        // Stored first, then told: live connections get every message (notes only on the agents' side) and queues refresh.
        foreach (var message in messages)
            await push.MessageStoredAsync(conversation.Id, message.Id, cancellationToken);
        push.QueueChanged(conversation.Id);
        if (conversation.Status == ConversationStatus.Resolved)
            await assignment.AssignWaitingAsync(cancellationToken);
        return new AgentMessageView(last.Id, last.AuthorKind, agent.Name, last.Body, last.CreatedAt);
    }

    private async Task<AgentCustomerView> CustomerAsync(Conversation conversation) =>
        conversation.CustomerId is { } customerId
            ? await customers.FindAsync(customerId) is { } account
                ? new AgentCustomerView(customerId, account.Name, account.Email, Guest: false)
                : new AgentCustomerView(customerId, "Closed account", "", Guest: false)
            : new AgentCustomerView(null, conversation.GuestName ?? "Guest", conversation.GuestEmail ?? "", Guest: true);

    private async Task<AgentConversationView> ViewAsync(Conversation conversation, CancellationToken cancellationToken)
    {
        var messages = await db.Set<SupportMessage>().AsNoTracking().Where(m => m.ConversationId == conversation.Id).OrderBy(m => m.Id).ToListAsync(cancellationToken);
        var customer = await CustomerAsync(conversation);
        var people = await staff.NamesAsync(messages.Where(m => m.AuthorKind != AuthorKind.Customer && m.AuthorId is not null).Select(m => m.AuthorId!.Value)
            .Append(conversation.AssigneeId ?? Guid.Empty).Distinct().ToList(), cancellationToken);
        var views = messages.Select(m => new AgentMessageView(m.Id, m.AuthorKind, m.AuthorKind switch
        {
            AuthorKind.Customer => customer.Name,
            AuthorKind.Seller => "Seller",
            AuthorKind.System when m.AuthorId is null => "System",
            _ => m.AuthorId is { } author ? people.GetValueOrDefault(author) ?? "Support" : "Support",
        }, m.Body, m.CreatedAt)).ToList();
        var customerRead = await db.Set<ReadPosition>().AsNoTracking()
            .Where(r => r.ConversationId == conversation.Id && r.ParticipantKey == ReadPosition.CustomerSide).Select(r => r.LastReadMessageId).FirstOrDefaultAsync(cancellationToken);

        var waitingSince = WaitingSince(conversation, messages);
        var due = waitingSince is { } since ? sla.DueAt(conversation.Priority, since) : (DateTimeOffset?)null;

        IReadOnlyList<AgentOrderView> recent = [];
        IReadOnlyList<AgentCartLineView> cart = [];
        string? orderNumber = null;
        if (conversation.CustomerId is { } customerId)
        {
            recent = (await orders.RecentAsync(customerId, RecentOrders, cancellationToken)).Select(o => new AgentOrderView(o.Id, o.Number, o.PlacedAt)).ToList();
            if (conversation.OrderId is { } orderId)
                orderNumber = recent.FirstOrDefault(o => o.Id == orderId)?.Number ?? (await orders.FindOwnAsync(customerId, orderId, cancellationToken))?.Number;
            var lines = await carts.LinesAsync(customerId, cancellationToken);
            var variants = lines.Count == 0 ? new Dictionary<Guid, VariantInfo>() : await catalog.VariantsAsync(lines.Select(l => l.VariantId).ToList());
            cart = lines.Select(l => variants.TryGetValue(l.VariantId, out var v)
                ? new AgentCartLineView(l.VariantId, v.ProductId, v.ProductTitle, string.IsNullOrEmpty(v.VariantLabel) ? null : v.VariantLabel, l.Quantity, v.Price)
                : new AgentCartLineView(l.VariantId, null, "A product no longer sold", null, l.Quantity, l.PriceWhenAdded)).ToList();
        }
        var rating = await db.Set<ConversationRating>().AsNoTracking().Where(r => r.ConversationId == conversation.Id)
            .OrderByDescending(r => r.ResolutionMessageId).Select(r => new AgentRatingView(r.Score, r.Comment, r.RatedAt)).FirstOrDefaultAsync(cancellationToken);

        return new AgentConversationView(conversation.Id, conversation.Channel, conversation.Topic, conversation.Status, conversation.Priority, conversation.SnoozedUntil,
            conversation.AssigneeId, conversation.AssigneeId is { } assignee ? people.GetValueOrDefault(assignee) : null, customer,
            conversation.OrderId, orderNumber, conversation.ProductId, conversation.SellerId, conversation.CustomerPage,
            views, customerRead, waitingSince, due, due is { } dueAt && sla.Now > dueAt, recent, cart, rating, conversation.CreatedAt)
        { Callback = conversation.Channel == Channel.Callback ? await callbacks.OfConversationAsync(conversation.Id, cancellationToken) : null };
    }

    /// <summary>
    /// Since when the customer has waited for support: their first message after support's (or the seller's)
    /// last answer. Only an open conversation waits; one opened again without a new message waits since then.
    /// </summary>
    internal static DateTimeOffset? WaitingSince(Conversation conversation, IReadOnlyList<SupportMessage> messages)
    {
        if (conversation.Status != ConversationStatus.Open)
            return null;
        var lastAnswer = messages.LastOrDefault(m => m.AuthorKind is AuthorKind.Agent or AuthorKind.Seller)?.Id ?? 0;
        return messages.FirstOrDefault(m => m.AuthorKind == AuthorKind.Customer && m.Id > lastAnswer)?.CreatedAt ?? conversation.UpdatedAt;
    }
}

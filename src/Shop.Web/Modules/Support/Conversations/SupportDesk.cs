using Shop.Web.Modules.Support.Callbacks;
using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Modules.Ordering.Contracts;
using Shop.Web.Modules.Support.Chat;
using Shop.Web.Modules.Support.Attachments;
using Shop.Web.Modules.Support.Contracts;
using Shop.Web.Modules.Support.Data;
using Shop.Web.Platform.Api;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Errors;
using Shop.Web.Platform.Outbox;

namespace Shop.Web.Modules.Support.Conversations;

/// <summary>
/// The customer's side of support: start a conversation, list and read one's own, reply, mark read.
/// A conversation is reached by its customer's account or by a guest's signed link; for anyone else it
/// does not exist. Every message is stored, with its event in the outbox, before anyone is told of it.
/// </summary>
public sealed class SupportDesk(ShopDbContext db, IOutbox outbox, ICustomerOrderReferences orders, ICustomerDirectory customers,
    ConversationAccess access, SupportAttachments attachments, TimeProvider clock, SupportPush push, ChatAssignment assignment, CallbackDesk callbacks)
{
    public Task<ConversationView> StartAsync(Guid? userId, ContactRequest request, CancellationToken cancellationToken = default) =>
        StartAsync(userId, request, [], cancellationToken);

    /// <summary>Starts a conversation whose first message carries checked attachments (<see cref="SupportAttachments.CheckAsync"/>).</summary>
    public async Task<ConversationView> StartAsync(Guid? userId, ContactRequest request, IReadOnlyList<AttachmentUpload> files, CancellationToken cancellationToken = default)
    {
        var customer = await CustomerAsync(userId, request);
        CustomerOrderReference? order = null;
        if (request.OrderId is { } orderId
            && (userId is null || (order = await orders.FindOwnAsync(userId.Value, orderId, cancellationToken)) is null))
            throw new InputValidationException(nameof(ContactRequest.OrderId), "Choose one of your own orders.");

        var (conversation, first) = Conversation.Start(Channel.ContactForm, request.Topic!.Value, customer, order?.Id, request.Message, clock.GetUtcNow());
        db.Add(conversation);
        db.Add(first);
        outbox.Add(new ConversationStarted(conversation.Id));
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await db.SaveChangesAsync(cancellationToken);
            if (files.Count > 0)
            {
                attachments.Attach(first, files);
                await db.SaveChangesAsync(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }
        push.QueueChanged(conversation.Id);
        await assignment.AssignWaitingAsync(cancellationToken);
        var token = userId is null ? access.TokenFor(conversation.Id) : null;
        var view = await ViewAsync(conversation, token, cancellationToken);
        return userId is null ? view with { AccessToken = token } : view;
    }

    public Task<Paged<ConversationSummary>> MineAsync(Guid userId, PageRequest page, CancellationToken cancellationToken = default) =>
        db.Set<Conversation>().AsNoTracking().Where(c => c.CustomerId == userId)
            .OrderByDescending(c => c.LastMessageAt).ThenByDescending(c => c.Id)
            .Select(c => new ConversationSummary(c.Id, c.Channel, c.Topic, c.Status,
                db.Set<SupportMessage>().Where(m => m.ConversationId == c.Id && m.AuthorKind == AuthorKind.Customer)
                    .OrderBy(m => m.Id).Select(m => m.Body.Substring(0, 120)).FirstOrDefault() ?? "",
                db.Set<SupportMessage>().Count(m => m.ConversationId == c.Id && m.AuthorKind != AuthorKind.Note && m.AuthorKind != AuthorKind.Customer
                    && m.Id > db.Set<ReadPosition>().Where(r => r.ConversationId == c.Id && r.ParticipantKey == ReadPosition.CustomerSide)
                        .Select(r => r.LastReadMessageId).FirstOrDefault()),
                c.CreatedAt, c.LastMessageAt))
            .ToPagedAsync(page, cancellationToken);

    public async Task<ConversationView?> FindAsync(Guid id, SupportViewer viewer, CancellationToken cancellationToken = default) =>
        await OwnAsync(id, viewer, tracked: false, cancellationToken) is { } conversation ? await ViewAsync(conversation, viewer.AccessToken, cancellationToken) : null;

    /// <summary>The customer's reply; it makes the conversation support's turn again (reopening a resolved one).</summary>
    public Task<MessageView?> ReplyAsync(Guid id, SupportViewer viewer, ReplyRequest request, CancellationToken cancellationToken = default) =>
        ReplyAsync(id, viewer, request, [], cancellationToken);

    /// <summary>A reply carrying checked attachments; with attachments the text may be empty.</summary>
    public async Task<MessageView?> ReplyAsync(Guid id, SupportViewer viewer, ReplyRequest request, IReadOnlyList<AttachmentUpload> files, CancellationToken cancellationToken = default)
    {
        if (await OwnAsync(id, viewer, tracked: true, cancellationToken) is not { } conversation)
            return null;
        if (string.IsNullOrWhiteSpace(request.Body) && files.Count == 0)
            throw new InputValidationException(nameof(ReplyRequest.Body), "Write your reply.");
        if (!string.IsNullOrWhiteSpace(request.Body))
            ChatInput.Checked(request.Body, nameof(ReplyRequest.Body));
        var message = conversation.Post(AuthorKind.Customer, conversation.CustomerId, request.Body, clock.GetUtcNow());
        db.Add(message);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        if (files.Count > 0)
            attachments.Attach(message, files);
        outbox.Add(new SupportMessagePosted(conversation.Id, message.Id));
        await MoveReadPositionAsync(conversation.Id, message.Id, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await push.MessageStoredAsync(conversation.Id, message.Id, cancellationToken);
        push.QueueChanged(conversation.Id);
        return new MessageView(message.Id, message.AuthorKind, message.Body, message.CreatedAt)
        {
            Attachments = files.Count == 0 ? [] : (await attachments.ByMessageAsync(conversation.Id, viewer.AccessToken, cancellationToken)).GetValueOrDefault(message.Id) ?? [],
        };
    }

    /// <summary>Marks everything the customer's side can see as read (or up to a message); false when the conversation is not theirs.</summary>
    public async Task<bool> MarkReadAsync(Guid id, SupportViewer viewer, CancellationToken cancellationToken = default)
    {
        if (await OwnAsync(id, viewer, tracked: false, cancellationToken) is null)
            return false;
        var last = await db.Set<SupportMessage>().Where(m => m.ConversationId == id && m.AuthorKind != AuthorKind.Note)
            .MaxAsync(m => (long?)m.Id, cancellationToken);
        if (last is not null)
        {
            await MoveReadPositionAsync(id, last.Value, cancellationToken);
            await push.ReadAsync(id, ChatSide.Customer, last.Value, cancellationToken);
        }
        return true;
    }

    private Task MoveReadPositionAsync(Guid conversationId, long messageId, CancellationToken cancellationToken) =>
        ReadPositions.MoveAsync(db.Database, conversationId, ReadPosition.CustomerSide, messageId, cancellationToken);

    private async Task<Conversation?> OwnAsync(Guid id, SupportViewer viewer, bool tracked, CancellationToken cancellationToken)
    {
        var query = tracked ? db.Set<Conversation>() : db.Set<Conversation>().AsNoTracking();
        var conversation = await query.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        return conversation is not null && (conversation.BelongsTo(viewer.UserId) || access.Allows(viewer.AccessToken, id)) ? conversation : null;
    }

    private async Task<ConversationView> ViewAsync(Conversation conversation, string? accessToken, CancellationToken cancellationToken)
    {
        var files = await attachments.ByMessageAsync(conversation.Id, accessToken, cancellationToken);
        var messages = (await db.Set<SupportMessage>().AsNoTracking()
            .Where(m => m.ConversationId == conversation.Id && m.AuthorKind != AuthorKind.Note).OrderBy(m => m.Id)
            .Select(m => new MessageView(m.Id, m.AuthorKind, m.Body, m.CreatedAt)).ToListAsync(cancellationToken))
            .Select(m => files.TryGetValue(m.Id, out var attached) ? m with { Attachments = attached } : m).ToList();
        var positions = await db.Set<ReadPosition>().AsNoTracking().Where(r => r.ConversationId == conversation.Id).ToListAsync(cancellationToken);
        var order = conversation is { OrderId: { } orderId, CustomerId: { } customerId } ? await orders.FindOwnAsync(customerId, orderId, cancellationToken) : null;
        return new ConversationView(conversation.Id, conversation.Channel, conversation.Topic, conversation.Status, conversation.OrderId, order?.Number, messages,
            positions.Where(p => p.ParticipantKey == ReadPosition.CustomerSide).Select(p => p.LastReadMessageId).DefaultIfEmpty().Max(),
            positions.Where(p => p.ParticipantKey != ReadPosition.CustomerSide).Select(p => p.LastReadMessageId).DefaultIfEmpty().Max(),
            conversation.CreatedAt)
        { Callback = conversation.Channel == Channel.Callback ? await callbacks.OfConversationAsync(conversation.Id, cancellationToken) : null };
    }

    private async Task<SupportCustomer> CustomerAsync(Guid? userId, ContactRequest request)
    {
        if (userId is { } id)
            return await customers.FindAsync(id) is { } account
                ? new SupportCustomer(id, account.Name, account.Email)
                : throw new InvalidOperationException("The signed-in user has no account.");
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Name))
            errors[nameof(ContactRequest.Name)] = ["Tell us your name."];
        if (string.IsNullOrWhiteSpace(request.Email))
            errors[nameof(ContactRequest.Email)] = ["Enter your email address, so we can answer you."];
        else if (!new EmailAddressAttribute().IsValid(request.Email.Trim()))
            errors[nameof(ContactRequest.Email)] = ["Enter an email address like name@example.com."];
        return errors.Count > 0 ? throw new InputValidationException(errors) : new SupportCustomer(null, request.Name!.Trim(), request.Email!.Trim());
    }
}

using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Modules.Support.Attachments;
using Shop.Web.Modules.Support.Contracts;
using Shop.Web.Modules.Support.Conversations;
using Shop.Web.Modules.Support.Data;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Errors;
using Shop.Web.Platform.Localization;
using Shop.Web.Platform.Outbox;

namespace Shop.Web.Modules.Support.Chat;

public enum ChatSide
{
    Customer,
    Agent,
}

/// <summary>Who takes part in one conversation: its customer (an account or a guest's signed link) or an agent (support, admin).</summary>
public sealed record ChatParticipant(Guid ConversationId, ChatSide Side, Guid? UserId)
{
    /// <summary>The read-position key: the customer's side shares one; staff read under their user id.</summary>
    public string ReadKey => Side == ChatSide.Customer ? ReadPosition.CustomerSide : UserId!.ToString()!;
}

/// <summary>A live chat as the launcher starts it: a guest gives name and email; <see cref="Page"/> is where the customer is.</summary>
public sealed class StartChatRequest
{
    [StringLength(100, ErrorMessage = "Use at most 100 characters for your name.")]
    public string? Name { get; set; }

    [StringLength(256, ErrorMessage = "Use at most 256 characters for your email address.")]
    public string? Email { get; set; }

    // Checked with the guest's name and email (LiveChat), so an empty form shows every missing field at once.
    [StringLength(ChatInput.MaxLength, ErrorMessage = "Use at most 4,000 characters for a message.")]
    public string? Message { get; set; }

    [StringLength(500)]
    public string? Page { get; set; }
}

/// <summary>An agent's or customer's message over HTTP (the hub's Send).</summary>
public sealed class ChatSendRequest
{
    [Required(ErrorMessage = "Write a message.")]
    [StringLength(ChatInput.MaxLength, ErrorMessage = "Use at most 4,000 characters for a message.")]
    public string Body { get; set; } = "";
}

public sealed class ChatReadRequest
{
    [Range(0, long.MaxValue)]
    public long MessageId { get; set; }
}

public sealed class ChatPageRequest
{
    [Required, StringLength(500)]
    public string Page { get; set; } = "";
}

/// <summary>How far the customer's side and support have read a conversation.</summary>
public sealed record ChatReadState(Guid ConversationId, long Customer, long Agent);

/// <summary>Whether anyone is there to chat, and how fast support usually answers.</summary>
public sealed record ChatAvailability(bool Online, int? UsualReplyMinutes, string Message);

/// <summary>
/// The use cases of live chat, shared by the hub, the HTTP API and pages: start a chat, join (catch up
/// after an id), send, typing, read, the page the customer is on. Every message is stored (with its outbox
/// event, when anyone handles it) before it is pushed.
/// </summary>
public sealed class LiveChat(ShopDbContext db, IOutbox outbox, SupportDesk desk, ConversationAccess access, ICustomerDirectory customers,
    ChatMessages messages, ChatWriter writer, ChatAssignment assignment, AgentPresence presence, SupportPush push, TimeProvider clock,
    SupportAttachments attachments, IStringLocalizer<Strings> texts)
{
    public static bool IsAgent(ClaimsPrincipal user) => user.IsInRole(Roles.Support) || user.IsInRole(Roles.Admin);

    /// <summary>The participant, or null when the conversation does not exist for this caller (404, HubException).</summary>
    public async Task<ChatParticipant?> ParticipantAsync(Guid conversationId, ClaimsPrincipal user, string? accessToken, CancellationToken cancellationToken = default)
    {
        var conversation = await db.Set<Conversation>().AsNoTracking().Where(c => c.Id == conversationId)
            .Select(c => new { c.CustomerId }).SingleOrDefaultAsync(cancellationToken);
        if (conversation is null)
            return null;
        var userId = user.Identity?.IsAuthenticated == true ? user.UserId() : (Guid?)null;
        if (userId is not null && IsAgent(user))
            return new ChatParticipant(conversationId, ChatSide.Agent, userId);
        if ((userId is not null && conversation.CustomerId == userId) || access.Allows(accessToken, conversationId))
            return new ChatParticipant(conversationId, ChatSide.Customer, userId);
        return null;
    }

    public async Task<ConversationView> StartAsync(ClaimsPrincipal user, StartChatRequest request, CancellationToken cancellationToken = default)
    {
        var userId = user.Identity?.IsAuthenticated == true ? user.UserId() : (Guid?)null;
        var customer = await CustomerAsync(userId, request);
        var body = ChatInput.Checked(request.Message, nameof(StartChatRequest.Message));
        var (conversation, first) = Conversation.Start(Channel.LiveChat, Topic.Other, customer, null, body, clock.GetUtcNow());
        conversation.ShowPage(request.Page);
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            db.Add(conversation);
            db.Add(first);
            outbox.Add(new ConversationStarted(conversation.Id));
            await db.SaveChangesAsync(cancellationToken);
            await ReadPositions.MoveAsync(db.Database, conversation.Id, ReadPosition.CustomerSide, first.Id, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        push.QueueChanged(conversation.Id);
        await assignment.AssignWaitingAsync(cancellationToken);
        var token = userId is null ? access.TokenFor(conversation.Id) : null;
        var view = await desk.FindAsync(conversation.Id, new SupportViewer(userId, token), cancellationToken)
            ?? throw new InvalidOperationException("The new conversation is not readable by its customer.");
        return view with { AccessToken = token };
    }

    public Task<IReadOnlyList<ChatMessage>> CatchUpAsync(ChatParticipant participant, long afterMessageId, CancellationToken cancellationToken = default) =>
        messages.AfterAsync(participant.ConversationId, Math.Max(0, afterMessageId), participant.Side == ChatSide.Agent, cancellationToken);

    public Task<ChatMessage> SendAsync(ChatParticipant participant, string? body, CancellationToken cancellationToken = default) =>
        SendAsync(participant, body, [], cancellationToken);

    /// <summary>
    /// Stores a customer's message or an agent's reply (an agent's reply takes an unassigned conversation),
    /// with its checked files (<see cref="SupportAttachments.CheckAsync"/>; with files the text may be empty).
    /// Words alone go through the chat's group commit (<see cref="ChatWriter"/>), which pushes them once stored;
    /// files are few and large, so a message with files is stored in a transaction of its own, then pushed.
    /// </summary>
    public async Task<ChatMessage> SendAsync(ChatParticipant participant, string? body, IReadOnlyList<AttachmentUpload> files, CancellationToken cancellationToken = default)
    {
        if (files.Count == 0)
            return (await writer.StoreAsync(participant, ChatInput.Checked(body), cancellationToken))[^1];
        var text = string.IsNullOrWhiteSpace(body) ? "" : ChatInput.Checked(body);
        var now = clock.GetUtcNow();
        List<SupportMessage> stored;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var conversation = await db.Set<Conversation>().SingleAsync(c => c.Id == participant.ConversationId, cancellationToken);
            stored = await ChatWriter.PostAsync(customers, conversation, participant, text, now);
            db.AddRange(stored);
            await db.SaveChangesAsync(cancellationToken);
            attachments.Attach(stored[^1], files);
            foreach (var message in stored)
                outbox.Add(new SupportMessagePosted(conversation.Id, message.Id));
            await db.SaveChangesAsync(cancellationToken);
            // Whoever writes has read everything up to their own message.
            await ReadPositions.MoveAsync(db.Database, conversation.Id, participant.ReadKey, stored[^1].Id, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        foreach (var message in stored)
            await push.MessageStoredAsync(participant.ConversationId, message.Id, cancellationToken);
        push.QueueChanged(participant.ConversationId);
        return await messages.OneAsync(participant.ConversationId, stored[^1].Id, participant.Side == ChatSide.Agent, cancellationToken)
            ?? throw new InvalidOperationException("The stored message is gone.");
    }

    /// <summary>How far each side has read: the customer's side, and the furthest any agent has read (read receipts after a reload).</summary>
    public async Task<ChatReadState> ReadStateAsync(ChatParticipant participant, CancellationToken cancellationToken = default)
    {
        var positions = await db.Set<ReadPosition>().AsNoTracking().Where(r => r.ConversationId == participant.ConversationId).ToListAsync(cancellationToken);
        return new ChatReadState(participant.ConversationId,
            positions.Where(p => p.ParticipantKey == ReadPosition.CustomerSide).Select(p => p.LastReadMessageId).DefaultIfEmpty().Max(),
            positions.Where(p => p.ParticipantKey != ReadPosition.CustomerSide).Select(p => p.LastReadMessageId).DefaultIfEmpty().Max());
    }

    public Task TypingAsync(ChatParticipant participant, string? connectionId = null, CancellationToken cancellationToken = default) =>
        push.TypingAsync(participant.ConversationId, participant.Side, connectionId, cancellationToken);

    /// <summary>Moves the participant's read position forward (never past the last message) and tells the other side.</summary>
    public async Task<long> ReadAsync(ChatParticipant participant, long messageId, CancellationToken cancellationToken = default)
    {
        var last = await db.Set<SupportMessage>().Where(m => m.ConversationId == participant.ConversationId && m.Id <= messageId
                && (participant.Side == ChatSide.Agent || m.AuthorKind != AuthorKind.Note))
            .MaxAsync(m => (long?)m.Id, cancellationToken);
        if (last is null)
            return 0;
        await ReadPositions.MoveAsync(db.Database, participant.ConversationId, participant.ReadKey, last.Value, cancellationToken);
        await push.ReadAsync(participant.ConversationId, participant.Side, last.Value, cancellationToken);
        return last.Value;
    }

    /// <summary>The page the customer is on (agents see it); only the customer's side moves it.</summary>
    public async Task ShowPageAsync(ChatParticipant participant, string? page, CancellationToken cancellationToken = default)
    {
        if (participant.Side != ChatSide.Customer)
            return;
        var conversation = await db.Set<Conversation>().SingleAsync(c => c.Id == participant.ConversationId, cancellationToken);
        if (!conversation.ShowPage(page))
            return;
        await db.SaveChangesAsync(cancellationToken);
        push.QueueChanged(participant.ConversationId);
    }

    /// <summary>
    /// "Usually replies in N minutes" from the median time to the first reply of the 50 latest answered
    /// conversations of the last 30 days; with nobody online, the conversation waits as a ticket answered by email.
    /// </summary>
    public async Task<ChatAvailability> AvailabilityAsync(CancellationToken cancellationToken = default)
    {
        if (!await presence.IsAnyoneOnlineAsync(cancellationToken))
            return new ChatAvailability(false, null, texts["No one is online right now – we'll answer by email"]);
        var since = clock.GetUtcNow().AddDays(-30);
        var answered = await db.Set<Conversation>().AsNoTracking().Where(c => c.CreatedAt >= since)
            .Select(c => new
            {
                c.CreatedAt,
                FirstReply = db.Set<SupportMessage>().Where(m => m.ConversationId == c.Id && m.AuthorKind == AuthorKind.Agent).Min(m => (DateTimeOffset?)m.CreatedAt),
            })
            .Where(c => c.FirstReply != null).OrderByDescending(c => c.CreatedAt).Take(50).ToListAsync(cancellationToken);
        if (answered.Count == 0)
            return new ChatAvailability(true, null, texts["Usually replies in a few minutes"]);
        var waits = answered.Select(c => (c.FirstReply!.Value - c.CreatedAt).TotalMinutes).Order().ToList();
        var median = waits[waits.Count / 2];
        var minutes = Math.Max(1, (int)Math.Ceiling(median));
        return new ChatAvailability(true, minutes, minutes == 1 ? texts["Usually replies in 1 minute"] : texts["Usually replies in {0} minutes", minutes]);
    }

    private async Task<SupportCustomer> CustomerAsync(Guid? userId, StartChatRequest request)
    {
        if (userId is { } id)
            return await customers.FindAsync(id) is { } account
                ? new SupportCustomer(id, account.Name, account.Email)
                : throw new InvalidOperationException("The signed-in user has no account.");
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Contains('\0'))
            errors[nameof(StartChatRequest.Name)] = [texts["Tell us your name."]];
        if (string.IsNullOrWhiteSpace(request.Email))
            errors[nameof(StartChatRequest.Email)] = [texts["Enter your email address, so we can answer you."]];
        else if (!new EmailAddressAttribute().IsValid(request.Email.Trim()) || request.Email.Contains('\0'))
            errors[nameof(StartChatRequest.Email)] = [texts["Enter an email address like name@example.com."]];
        if (string.IsNullOrWhiteSpace(request.Message))
            errors[nameof(StartChatRequest.Message)] = [texts["Write a message."]];
        return errors.Count > 0 ? throw new InputValidationException(errors) : new SupportCustomer(null, request.Name!.Trim(), request.Email!.Trim());
    }
}

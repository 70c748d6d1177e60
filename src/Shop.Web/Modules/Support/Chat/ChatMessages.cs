using Microsoft.EntityFrameworkCore;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Modules.Support.Attachments;
using Shop.Web.Modules.Support.Conversations;
using Shop.Web.Modules.Support.Data;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Errors;

namespace Shop.Web.Modules.Support.Chat;

/// <summary>
/// A stored message as live clients receive it (hub events, catch-up lists, HTTP). <paramref name="Author"/> is
/// customer, agent, seller, system or note; notes reach only agents. <paramref name="Attachments"/>' links
/// download the files (a guest's carry the signed access token).
/// </summary>
public sealed record ChatMessage(Guid ConversationId, long Id, string Author, string AuthorName, string Body, DateTimeOffset CreatedAt,
    IReadOnlyList<AttachmentView> Attachments)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsNote => Author == "note";
}

/// <summary>The typing and read events of the real-time contract.</summary>
public sealed record ChatTyping(Guid ConversationId, string Side);

public sealed record ChatRead(Guid ConversationId, string Side, long MessageId);

/// <summary>Conversations created or changed since the last queue event.</summary>
public sealed record ChatQueueChange(IReadOnlyList<Guid> ConversationIds);

/// <summary>The checks every chat message passes, whether it comes through the hub, the API or a page.</summary>
public static class ChatInput
{
    public const int MaxLength = 4000;

    public static string Checked(string? body, string field = "Body")
    {
        if (string.IsNullOrWhiteSpace(body))
            throw new InputValidationException(field, "Write a message.");
        if (body.Contains('\0'))
            throw new InputValidationException(field, "A message cannot contain NUL characters.");
        if (body.Trim().Length > MaxLength)
            throw new InputValidationException(field, "Use at most 4,000 characters for a message.");
        return body.Trim();
    }
}

/// <summary>
/// Reads stored messages in the shape of <see cref="ChatMessage"/>, with their authors' names and files;
/// for a guest's side (<c>forAgents</c> false) the download links carry a signed access token.
/// </summary>
public sealed class ChatMessages(ShopDbContext db, ICustomerDirectory customers, SupportAttachments attachments, ConversationAccess access)
{
    /// <summary>Everything after <paramref name="afterId"/>, oldest first; the customer's side never gets notes.</summary>
    public async Task<IReadOnlyList<ChatMessage>> AfterAsync(Guid conversationId, long afterId, bool forAgents, CancellationToken cancellationToken = default)
    {
        var messages = await db.Set<SupportMessage>().AsNoTracking()
            .Where(m => m.ConversationId == conversationId && m.Id > afterId && (forAgents || m.AuthorKind != AuthorKind.Note))
            .OrderBy(m => m.Id).Take(500).ToListAsync(cancellationToken);
        return await ShapeAsync(messages, forAgents, cancellationToken: cancellationToken);
    }

    public async Task<ChatMessage?> OneAsync(Guid conversationId, long messageId, bool forAgents, CancellationToken cancellationToken = default)
    {
        var message = await db.Set<SupportMessage>().AsNoTracking().SingleOrDefaultAsync(m => m.Id == messageId && m.ConversationId == conversationId, cancellationToken);
        return message is null ? null : (await ShapeAsync([message], forAgents, cancellationToken: cancellationToken))[0];
    }

    /// <summary>
    /// Stored messages of any conversations as clients receive them; each conversation's customer and each author is
    /// looked up once, and the files of all the messages in one query. A caller that holds the messages' conversations
    /// passes them, and they are not read again.
    /// </summary>
    public async Task<IReadOnlyList<ChatMessage>> ShapeAsync(IReadOnlyList<SupportMessage> messages, bool forAgents,
        IReadOnlyCollection<Conversation>? known = null, CancellationToken cancellationToken = default)
    {
        if (messages.Count == 0)
            return [];
        var conversationIds = messages.Select(m => m.ConversationId).Distinct().ToList();
        var conversations = known?.Select(c => new { c.Id, c.CustomerId, c.GuestName }).ToList()
            ?? await db.Set<Conversation>().AsNoTracking().Where(c => conversationIds.Contains(c.Id))
                .Select(c => new { c.Id, c.CustomerId, c.GuestName }).ToListAsync(cancellationToken);
        var customerNames = new Dictionary<Guid, string>();
        var guestTokens = new Dictionary<Guid, string?>();
        foreach (var conversation in conversations)
        {
            customerNames[conversation.Id] = conversation.GuestName
                ?? (conversation.CustomerId is { } customerId ? (await customers.FindAsync(customerId))?.Name : null) ?? "Customer";
            guestTokens[conversation.Id] = forAgents || conversation.CustomerId is not null ? null : access.TokenFor(conversation.Id);
        }
        var staffIds = messages.Where(m => m.AuthorKind is AuthorKind.Agent or AuthorKind.Note && m.AuthorId is not null).Select(m => m.AuthorId!.Value).Distinct().ToList();
        var staff = staffIds.Count == 0 ? new Dictionary<Guid, string>()
            : await db.Set<SupportAgent>().AsNoTracking().Where(a => staffIds.Contains(a.UserId)).ToDictionaryAsync(a => a.UserId, a => a.Name, cancellationToken);
        foreach (var id in staffIds.Where(id => !staff.ContainsKey(id)))
            staff[id] = (await customers.FindAsync(id))?.Name ?? "Support";
        var files = await attachments.OfMessagesAsync(messages.Select(m => m.Id).ToList(), id => guestTokens.GetValueOrDefault(id), cancellationToken);
        return messages.Select(m => new ChatMessage(m.ConversationId, m.Id, m.AuthorKind.ToString().ToLowerInvariant(), m.AuthorKind switch
        {
            AuthorKind.Customer => customerNames.GetValueOrDefault(m.ConversationId) ?? "Customer",
            AuthorKind.Agent or AuthorKind.Note => m.AuthorId is { } id ? FirstName(staff[id]) : "Support",
            AuthorKind.Seller => "The seller",
            _ => "",
        }, m.Body, m.CreatedAt, files.GetValueOrDefault(m.Id) ?? [])).ToList();
    }

    /// <summary>Customers see an agent by first name, as chat widgets do.</summary>
    private static string FirstName(string name) => name.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [var first, ..] ? first : name;
}

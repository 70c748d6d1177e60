using Microsoft.EntityFrameworkCore;
using Shop.Web.Modules.Notifications.Contracts;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Outbox;

namespace Shop.Web.Modules.Notifications.TextMessages;

/// <summary>One text message is ready to leave.</summary>
[IntegrationEventName("notifications.text-message-queued")]
public sealed record TextMessageQueued(Guid TextMessageId) : IIntegrationEvent;

/// <summary>
/// Stores text messages in the caller's transaction, each keyed by (fact, number), and queues one outbox
/// event for each new one; the same fact again adds nothing.
/// </summary>
internal sealed class TextMessageQueue(ShopDbContext db, IOutbox outbox, TimeProvider clock) : ITextMessages
{
    /// <summary>The kind of the phone-number check's codes; they are the only messages whose text is forgotten once sent.</summary>
    public const string PhoneCodeKind = "phone-code";

    /// <summary>Twilio's limit for one message (it splits longer ones into up to ten parts).</summary>
    public const int MaxLength = 1600;

    public async Task QueueCodeAsync(Guid userId, string phoneNumber, string text, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await QueueAsync(PhoneCodeKind, $"{PhoneCodeKind}:{Guid.CreateVersion7(now)}", phoneNumber, userId, text, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>False when this fact was already texted to this number.</summary>
    public async Task<bool> QueueAsync(string kind, string key, string phoneNumber, Guid? userId, string text, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        var body = text.Length <= MaxLength ? text : text[..(MaxLength - 1)] + "…";
        var queued = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO notifications.text_messages (id, kind, dedup_key, recipient, user_id, body, status, created_at)
            VALUES ({id}, {kind}, {key}, {phoneNumber}, {userId}, {body}, {OutgoingTextMessage.Pending}, {now})
            ON CONFLICT (dedup_key, recipient) DO NOTHING
            """, cancellationToken);
        if (queued == 1)
            outbox.Add(new TextMessageQueued(id));
        return queued == 1;
    }
}

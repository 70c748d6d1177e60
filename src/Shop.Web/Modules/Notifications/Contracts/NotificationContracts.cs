namespace Shop.Web.Modules.Notifications.Contracts;

/// <summary>Every message the shop sends people; each has an email template pair under Templates/Email.</summary>
public enum NotificationKind
{
    ConfirmEmail,
    PasswordReset,
    EmailChange,
    AccountExists,
    SellerApplicationDecided,
    OrderPlaced,
    PaymentReceived,
    PaymentFailed,
    OrderShipped,
    OrderDelivered,
    OrderCancelled,
    ReturnAccepted,
    RefundIssued,
    SellerNewOrder,
    SellerLowStock,
    SupportNewTicket,
    WebhookDisabled,
    ReviewDecided,
    SupportRequestReceived,
    SupportCallbackBooked,
    SupportCallbackReminder,
    SupportReplies,
    SupportTranscript,
    SellerMessageReceived,
    OrderOutForDelivery,
}

/// <summary>Who hears of it: a user of the shop, or (UserId null) a guest known only by email; in their language (a culture, null for the default).</summary>
public sealed record Recipient(Guid? UserId, string Email, string Name, string? Language = null);

/// <summary>
/// One notification for one person. <paramref name="Key"/> names the business fact ("order 42 shipped");
/// the same kind, key and recipient is delivered once however often the event arrives. Left null inside
/// an outbox handler, the event itself is the key. <paramref name="LinkPath"/> is where the in-app entry leads.
/// <paramref name="WithEmail"/> false keeps it to the in-app entry (e.g. staff who are online see it there).
/// </summary>
public sealed record Notice(NotificationKind Kind, Recipient To, object Model, string? Key = null, string? LinkPath = null, bool WithEmail = true);

/// <summary>Queues a notification's email and in-app entry in the caller's transaction (call it from outbox handlers).</summary>
public interface INotifier
{
    Task NotifyAsync(Notice notice, CancellationToken cancellationToken);
}

/// <summary>The header bell's count.</summary>
public interface INotificationInbox
{
    Task<int> UnreadCountAsync(Guid userId, CancellationToken cancellationToken = default);
}

/// <summary>Text messages that are not notifications: one-time codes for checking a phone number.</summary>
public interface ITextMessages
{
    /// <summary>Queues a code for <paramref name="phoneNumber"/> (E.164) in the caller's unit of work; its text is not kept once sent.</summary>
    Task QueueCodeAsync(Guid userId, string phoneNumber, string text, CancellationToken cancellationToken);
}

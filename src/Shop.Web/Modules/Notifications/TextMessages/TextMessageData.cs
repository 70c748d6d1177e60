using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Shop.Web.Modules.Notifications.TextMessages;

/// <summary>
/// One text message to one phone number; unique per (fact, number), so a repeated event texts nobody twice.
/// The status is the shop's until the provider takes the message, then the provider's, as its callbacks report it.
/// </summary>
public sealed class OutgoingTextMessage
{
    /// <summary>Waiting in the outbox for the provider.</summary>
    public const string Pending = "pending";

    /// <summary>The provider refused it for good (a number it cannot text); not retried.</summary>
    public const string Refused = "refused";

    private static readonly string[] Final = ["delivered", "undelivered", "failed", Refused];

    public Guid Id { get; set; }
    public string Kind { get; set; } = "";
    public string DedupKey { get; set; } = "";
    /// <summary>E.164, "+919876543210".</summary>
    public string Recipient { get; set; } = "";
    public Guid? UserId { get; set; }
    public string Body { get; set; } = "";
    public string Status { get; set; } = Pending;
    /// <summary>The provider's message id (Twilio's "SM…" SID).</summary>
    public string? ProviderId { get; set; }
    public string? ErrorCode { get; set; }
    public string? Error { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public DateTimeOffset? StatusAt { get; set; }

    public void MarkSent(string providerId, string status, DateTimeOffset now, bool forgetBody)
    {
        (ProviderId, SentAt) = (providerId, now);
        Record(status, null, now);
        if (forgetBody)
            Body = "(not kept: it carried a one-time code)";
    }

    public void MarkRefused(string? errorCode, string error, DateTimeOffset now) =>
        (Status, ErrorCode, Error, StatusAt) = (Refused, errorCode, Clip(error), now);

    /// <summary>
    /// A status the provider reported. Callbacks may arrive out of order: a late "sent" does not undo
    /// "delivered", and the error code of a failure is kept.
    /// </summary>
    public void Record(string status, string? errorCode, DateTimeOffset now)
    {
        if (Final.Contains(Status) && !Final.Contains(status))
            return;
        (Status, StatusAt) = (status, now);
        if (!string.IsNullOrEmpty(errorCode))
            ErrorCode = errorCode;
    }

    private static string Clip(string value) => value.Length <= 500 ? value : value[..499] + "…";
}

internal sealed class OutgoingTextMessageConfiguration : IEntityTypeConfiguration<OutgoingTextMessage>
{
    public void Configure(EntityTypeBuilder<OutgoingTextMessage> builder)
    {
        builder.ToTable("text_messages", "notifications");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Kind).HasMaxLength(40);
        builder.Property(m => m.DedupKey).HasMaxLength(200);
        builder.Property(m => m.Recipient).HasMaxLength(16);
        builder.Property(m => m.Body).HasMaxLength(1600);
        builder.Property(m => m.Status).HasMaxLength(20);
        builder.Property(m => m.ProviderId).HasMaxLength(64);
        builder.Property(m => m.ErrorCode).HasMaxLength(20);
        builder.Property(m => m.Error).HasMaxLength(500);
        builder.HasIndex(m => new { m.DedupKey, m.Recipient }).IsUnique();
        builder.HasIndex(m => m.ProviderId).IsUnique();
        builder.HasIndex(m => m.CreatedAt);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Shop.Web.Modules.Notifications.Data;

/// <summary>
/// A rendered email waiting for (or past) delivery. The outbox carries one EmailQueued event per row,
/// so each recipient's message is retried and dead-lettered on its own.
/// </summary>
public sealed class OutgoingEmail
{
    public Guid Id { get; set; }
    public string Kind { get; set; } = "";
    /// <summary>The business fact it tells of; with the recipient, unique, so a repeated event sends nothing new.</summary>
    public string DedupKey { get; set; } = "";
    public string Recipient { get; set; } = "";
    public Guid? UserId { get; set; }
    public string Subject { get; set; } = "";
    public string TextBody { get; set; } = "";
    public string HtmlBody { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }

    /// <summary>One-time codes are not kept once the message is on its way.</summary>
    public void MarkSent(DateTimeOffset now, bool forgetBody)
    {
        SentAt = now;
        if (forgetBody)
            (TextBody, HtmlBody) = ("(not kept: it carried a one-time code)", "");
    }
}

/// <summary>An entry in a user's notification centre.</summary>
public sealed class InboxItem
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public string Kind { get; set; } = "";
    public string DedupKey { get; set; } = "";
    public string Title { get; set; } = "";
    public string Summary { get; set; } = "";
    public string? Link { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }
}

/// <summary>
/// A user's choice for one kind; without a row, every channel the kind has is on (push reaches only devices
/// turned on) except text messages, which are off until turned on.
/// </summary>
public sealed class NotificationPreference
{
    public Guid UserId { get; set; }
    public string Kind { get; set; } = "";
    public bool Email { get; set; } = true;
    public bool InApp { get; set; } = true;
    public bool Push { get; set; } = true;
    public bool Sms { get; set; }
}

internal sealed class OutgoingEmailConfiguration : IEntityTypeConfiguration<OutgoingEmail>
{
    public void Configure(EntityTypeBuilder<OutgoingEmail> builder)
    {
        builder.ToTable("emails", "notifications");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Kind).HasMaxLength(40);
        builder.Property(e => e.DedupKey).HasMaxLength(200);
        builder.Property(e => e.Recipient).HasMaxLength(256);
        builder.Property(e => e.Subject).HasMaxLength(300);
        builder.HasIndex(e => new { e.DedupKey, e.Recipient }).IsUnique();
        builder.HasIndex(e => e.CreatedAt);
    }
}

internal sealed class InboxItemConfiguration : IEntityTypeConfiguration<InboxItem>
{
    public void Configure(EntityTypeBuilder<InboxItem> builder)
    {
        builder.ToTable("inbox", "notifications");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Kind).HasMaxLength(40);
        builder.Property(i => i.DedupKey).HasMaxLength(200);
        builder.Property(i => i.Title).HasMaxLength(300);
        builder.Property(i => i.Summary).HasMaxLength(500);
        builder.Property(i => i.Link).HasMaxLength(500);
        builder.HasIndex(i => new { i.UserId, i.DedupKey }).IsUnique();
        builder.HasIndex(i => new { i.UserId, i.CreatedAt });
        builder.HasIndex(i => i.UserId).HasDatabaseName("ix_inbox_unread").HasFilter("read_at IS NULL");
    }
}

internal sealed class NotificationPreferenceConfiguration : IEntityTypeConfiguration<NotificationPreference>
{
    public void Configure(EntityTypeBuilder<NotificationPreference> builder)
    {
        builder.ToTable("preferences", "notifications");
        builder.HasKey(p => new { p.UserId, p.Kind });
        builder.Property(p => p.Kind).HasMaxLength(40);
    }
}

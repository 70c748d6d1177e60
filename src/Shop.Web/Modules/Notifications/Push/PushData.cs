using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Shop.Web.Modules.Notifications.Push;

/// <summary>One browser on one device that a user turned push on for, with the keys its push service encrypts for.</summary>
public sealed class PushSubscriptionRow
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public string Endpoint { get; set; } = "";
    public string P256dh { get; set; } = "";
    public string Auth { get; set; } = "";
    /// <summary>What the browser said it is, so people can tell their devices apart.</summary>
    public string Device { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>One notification for one device; unique per (fact, device), so a repeated event pushes nothing new.</summary>
public sealed class OutgoingPush
{
    public Guid Id { get; set; }
    public string Kind { get; set; } = "";
    public string DedupKey { get; set; } = "";
    public Guid SubscriptionId { get; set; }
    public string Title { get; set; } = "";
    public string Body { get; set; } = "";
    public string? Link { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
}

/// <summary>The shop's VAPID key pair; the private key is stored protected.</summary>
public sealed class PushKeyPair
{
    public short Id { get; set; } = 1;
    public string PublicKey { get; set; } = "";
    public string PrivateKey { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class PushSubscriptionConfiguration : IEntityTypeConfiguration<PushSubscriptionRow>
{
    public void Configure(EntityTypeBuilder<PushSubscriptionRow> builder)
    {
        builder.ToTable("push_subscriptions", "notifications");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Endpoint).HasMaxLength(1000);
        builder.Property(s => s.P256dh).HasMaxLength(100);
        builder.Property(s => s.Auth).HasMaxLength(40);
        builder.Property(s => s.Device).HasMaxLength(200);
        builder.HasIndex(s => s.Endpoint).IsUnique();
        builder.HasIndex(s => s.UserId);
    }
}

internal sealed class OutgoingPushConfiguration : IEntityTypeConfiguration<OutgoingPush>
{
    public void Configure(EntityTypeBuilder<OutgoingPush> builder)
    {
        builder.ToTable("pushes", "notifications");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Kind).HasMaxLength(40);
        builder.Property(p => p.DedupKey).HasMaxLength(200);
        builder.Property(p => p.Title).HasMaxLength(300);
        builder.Property(p => p.Body).HasMaxLength(500);
        builder.Property(p => p.Link).HasMaxLength(500);
        builder.HasOne<PushSubscriptionRow>().WithMany().HasForeignKey(p => p.SubscriptionId).HasConstraintName("fk_pushes_subscription").OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => new { p.DedupKey, p.SubscriptionId }).IsUnique();
    }
}

internal sealed class PushKeyPairConfiguration : IEntityTypeConfiguration<PushKeyPair>
{
    public void Configure(EntityTypeBuilder<PushKeyPair> builder)
    {
        builder.ToTable("push_keys", "notifications");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Id).ValueGeneratedNever();
        builder.Property(k => k.PublicKey).HasMaxLength(100);
    }
}

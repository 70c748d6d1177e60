using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shop.Web.Platform.Database;

namespace Shop.Web.Modules.Webhooks.Data;

public enum DeliveryStatus
{
    Pending,
    Succeeded,
    DeadLettered,
}

/// <summary>
/// One event on its way to one endpoint: the exact body to send, retried until a 2xx answer or the
/// last attempt. The (endpoint, event key) pair is unique, so an event published twice is sent once.
/// </summary>
public sealed class WebhookDelivery
{
    private readonly List<WebhookAttempt> attempts = [];

    private WebhookDelivery() { }

    public Guid Id { get; private set; }
    public Guid EndpointId { get; private set; }
    public string EventType { get; private set; } = "";
    public string EventKey { get; private set; } = "";

    /// <summary>The JSON document sent, signed byte for byte; replays send it unchanged.</summary>
    public string Body { get; private set; } = "";
    public DeliveryStatus Status { get; private set; }
    public int AttemptCount { get; private set; }
    public DateTimeOffset NextAttemptAt { get; private set; }
    public DateTimeOffset? LockedUntil { get; private set; }
    public int? LastStatusCode { get; private set; }
    public string? LastError { get; private set; }

    /// <summary>The delivery this one repeats, when someone asked for a replay.</summary>
    public Guid? ReplayOf { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }
    public IReadOnlyList<WebhookAttempt> Attempts => attempts;

    /// <summary>A fresh delivery of the same event, to be sent now whatever became of this one.</summary>
    public WebhookDelivery Replay(DateTimeOffset now)
    {
        var id = Guid.CreateVersion7(now);
        return new WebhookDelivery
        {
            Id = id, EndpointId = EndpointId, EventType = EventType, EventKey = $"replay:{id}", Body = Body, Status = DeliveryStatus.Pending,
            NextAttemptAt = now, ReplayOf = Id, CreatedAt = now,
        };
    }

    /// <summary>Records how the claimed attempt went; returns true when it was the last one and failed.</summary>
    public bool Record(WebhookAttempt attempt, TimeSpan retryDelay, int maxAttempts)
    {
        attempts.Add(attempt);
        LockedUntil = null;
        LastStatusCode = attempt.StatusCode;
        LastError = attempt.Error;
        if (attempt.Succeeded)
        {
            Status = DeliveryStatus.Succeeded;
            CompletedAt = attempt.AttemptedAt;
            return false;
        }
        if (AttemptCount >= maxAttempts)
        {
            Status = DeliveryStatus.DeadLettered;
            CompletedAt = attempt.AttemptedAt;
            return true;
        }
        NextAttemptAt = attempt.AttemptedAt + retryDelay;
        return false;
    }
}

/// <summary>One try to deliver: what the receiver answered (first KiB), how long it took, or why it failed.</summary>
public sealed class WebhookAttempt
{
    public const int ExcerptLength = 1024;

    private WebhookAttempt() { }

    public WebhookAttempt(int number, DateTimeOffset attemptedAt, int? statusCode, int latencyMs, string? responseExcerpt, string? error)
    {
        Number = number;
        AttemptedAt = attemptedAt;
        StatusCode = statusCode;
        LatencyMs = latencyMs;
        ResponseExcerpt = responseExcerpt is { Length: > ExcerptLength } ? responseExcerpt[..ExcerptLength] : responseExcerpt;
        Error = error is { Length: > 500 } ? error[..500] : error;
        Succeeded = error is null && statusCode is >= 200 and < 300;
    }

    public long Id { get; private set; }
    public Guid DeliveryId { get; private set; }
    public int Number { get; private set; }
    public DateTimeOffset AttemptedAt { get; private set; }
    public int? StatusCode { get; private set; }
    public int LatencyMs { get; private set; }
    public string? ResponseExcerpt { get; private set; }
    public string? Error { get; private set; }
    public bool Succeeded { get; private set; }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.ToTable("deliveries", "webhooks");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.HasOne<WebhookEndpoint>().WithMany().HasForeignKey(d => d.EndpointId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(d => d.Attempts).WithOne().HasForeignKey(a => a.DeliveryId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(d => d.Attempts).HasField("attempts");
        builder.Property(d => d.EventType).HasMaxLength(40);
        builder.Property(d => d.EventKey).HasMaxLength(200);
        builder.Property(d => d.Status).IsLowercaseName();
        builder.Property(d => d.LastError).HasMaxLength(500);
        builder.HasIndex(d => new { d.EndpointId, d.EventKey }).IsUnique();
        builder.HasIndex(d => new { d.EndpointId, d.Id });
        builder.HasIndex(d => d.NextAttemptAt).HasDatabaseName("ix_deliveries_pending").HasFilter("status = 'pending'");
    }
}

internal sealed class WebhookAttemptConfiguration : IEntityTypeConfiguration<WebhookAttempt>
{
    public void Configure(EntityTypeBuilder<WebhookAttempt> builder)
    {
        builder.ToTable("attempts", "webhooks");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).UseIdentityAlwaysColumn();
        builder.Property(a => a.ResponseExcerpt).HasMaxLength(WebhookAttempt.ExcerptLength);
        builder.Property(a => a.Error).HasMaxLength(500);
    }
}

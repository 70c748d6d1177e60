using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shop.Web.Platform.Database;

namespace Shop.Web.Modules.Webhooks.Data;

/// <summary>Admin endpoints hear about the whole marketplace; a seller's only about its own products and orders.</summary>
public enum WebhookScope
{
    Admin,
    Seller,
}

public enum EndpointStatus
{
    Active,
    Paused,
    Disabled,
}

/// <summary>
/// A URL that receives signed deliveries of the events it subscribes to. Paused and disabled
/// endpoints keep their deliveries waiting; resuming sends them. An endpoint that keeps failing
/// disables itself (<see cref="RecordFailure"/>).
/// </summary>
public sealed class WebhookEndpoint
{
    private WebhookEndpoint() { }

    public Guid Id { get; private set; }
    public Guid OwnerId { get; private set; }
    public WebhookScope Scope { get; private set; }
    public string Url { get; private set; } = "";
    public string? Description { get; private set; }
    public List<string> Events { get; private set; } = [];

    /// <summary>The signing secret, encrypted with the shop's data-protection keys.</summary>
    public string Secret { get; private set; } = "";
    public EndpointStatus Status { get; private set; }
    public string? DisabledReason { get; private set; }

    /// <summary>When the current run of failed attempts began; null after a success.</summary>
    public DateTimeOffset? FailingSince { get; private set; }
    public int ConsecutiveDeadLetters { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public static WebhookEndpoint Register(Guid ownerId, WebhookScope scope, string url, IReadOnlyCollection<string> events, string? description,
        string protectedSecret, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now), OwnerId = ownerId, Scope = scope, Url = url, Events = [.. events], Description = description,
        Secret = protectedSecret, Status = EndpointStatus.Active, CreatedAt = now, UpdatedAt = now,
    };

    public void Change(string url, IReadOnlyCollection<string> events, string? description, DateTimeOffset now)
    {
        Url = url;
        Events = [.. events];
        Description = description;
        UpdatedAt = now;
    }

    public void RotateSecret(string protectedSecret, DateTimeOffset now)
    {
        Secret = protectedSecret;
        UpdatedAt = now;
    }

    public void Pause(DateTimeOffset now)
    {
        Status = EndpointStatus.Paused;
        UpdatedAt = now;
    }

    /// <summary>Sends again, also after an automatic disable: the failure counts start over.</summary>
    public void Resume(DateTimeOffset now)
    {
        Status = EndpointStatus.Active;
        DisabledReason = null;
        FailingSince = null;
        ConsecutiveDeadLetters = 0;
        UpdatedAt = now;
    }

    public void RecordSuccess()
    {
        FailingSince = null;
        ConsecutiveDeadLetters = 0;
    }

    /// <summary>
    /// Counts a failed attempt; disables the endpoint when every attempt has failed for longer than
    /// <paramref name="failingFor"/> or <paramref name="deadLetters"/> deliveries in a row were given up.
    /// Returns the reason when this call disabled it.
    /// </summary>
    public string? RecordFailure(bool deadLettered, DateTimeOffset now, TimeSpan failingFor, int deadLetters)
    {
        FailingSince ??= now;
        if (deadLettered)
            ConsecutiveDeadLetters++;
        if (Status == EndpointStatus.Disabled)
            return null;
        var reason = now - FailingSince > failingFor ? $"Every delivery attempt failed for more than {Describe(failingFor)}."
            : ConsecutiveDeadLetters >= deadLetters ? $"{ConsecutiveDeadLetters} deliveries in a row failed after their last retry."
            : null;
        if (reason is not null)
        {
            Status = EndpointStatus.Disabled;
            DisabledReason = reason;
            UpdatedAt = now;
        }
        return reason;
    }

    private static string Describe(TimeSpan span) =>
        span.TotalDays >= 1 ? $"{span.TotalDays:0.#} days" : span.TotalHours >= 1 ? $"{span.TotalHours:0.#} hours" : $"{span.TotalSeconds:0} seconds";
}

internal sealed class WebhookEndpointConfiguration : IEntityTypeConfiguration<WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<WebhookEndpoint> builder)
    {
        builder.ToTable("endpoints", "webhooks");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Scope).IsLowercaseName();
        builder.Property(e => e.Url).HasMaxLength(2000);
        builder.Property(e => e.Description).HasMaxLength(200);
        builder.Property(e => e.Events).HasColumnType("text[]");
        builder.Property(e => e.Secret).HasMaxLength(1000);
        builder.Property(e => e.Status).IsLowercaseName();
        builder.Property(e => e.DisabledReason).HasMaxLength(300);
        builder.HasIndex(e => new { e.Scope, e.OwnerId });
    }
}

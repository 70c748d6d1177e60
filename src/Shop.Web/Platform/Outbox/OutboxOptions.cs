using System.ComponentModel.DataAnnotations;
using Shop.Web.Platform.Jobs;

namespace Shop.Web.Platform.Outbox;

public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>Whether this instance runs a dispatcher; every instance may, they never collide.</summary>
    public bool DispatcherEnabled { get; set; } = true;

    [Range(1, 1000)]
    public int BatchSize { get; set; } = 50;

    /// <summary>Fallback polling when no notification arrives (NOTIFY is the usual wake-up).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a claimed message stays invisible to other dispatchers before it is redelivered.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 10;

    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    public TimeSpan RetryDelay(int attempts) => Backoff.Delay(attempts, RetryBaseDelay, MaxRetryDelay);
}

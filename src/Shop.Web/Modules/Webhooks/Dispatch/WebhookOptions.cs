using System.ComponentModel.DataAnnotations;
using Shop.Web.Platform.Jobs;

namespace Shop.Web.Modules.Webhooks.Dispatch;

public sealed class WebhookOptions : IValidatableObject
{
    public const string Section = "Webhooks";

    /// <summary>Whether this instance runs a delivery worker; every instance may, they never send one attempt twice.</summary>
    public bool DeliveryEnabled { get; set; } = true;

    /// <summary>Lets endpoints on loopback and private networks receive deliveries: for development and tests only.</summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>How long a receiver has to answer before the attempt counts as failed.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    [Range(1, 30)]
    public int MaxAttempts { get; set; } = 12;

    /// <summary>The first retry's delay; each further one doubles (±20 %), up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(45);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(10);

    /// <summary>An endpoint whose every attempt failed for this long is disabled.</summary>
    public TimeSpan DisableAfter { get; set; } = TimeSpan.FromDays(3);

    /// <summary>An endpoint with this many dead-lettered deliveries in a row is disabled.</summary>
    [Range(1, 1000)]
    public int DisableAfterDeadLetters { get; set; } = 5;

    /// <summary>Fallback polling when no notification arrives (NOTIFY is the usual wake-up).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a claimed delivery stays invisible to other workers before it may be tried again.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    [Range(1, 500)]
    public int BatchSize { get; set; } = 20;

    /// <summary>Deliveries sent at once by one worker, so one slow receiver does not hold up the others.</summary>
    [Range(1, 64)]
    public int Concurrency { get; set; } = 4;

    public TimeSpan RetryDelay(int attempts) => Backoff.Delay(attempts, RetryBaseDelay, MaxRetryDelay);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Timeout <= TimeSpan.Zero || RetryBaseDelay <= TimeSpan.Zero || PollInterval <= TimeSpan.Zero || DisableAfter <= TimeSpan.Zero)
            yield return new ValidationResult("Webhook timeout, retry delay, poll interval and disable period must be positive.");
        // A lease shorter than a send would let a second worker send the same attempt.
        if (LeaseDuration < Timeout * 2)
            yield return new ValidationResult("Webhooks:LeaseDuration must be at least twice Webhooks:Timeout.", [nameof(LeaseDuration)]);
    }
}

using Shop.Web.Platform.Jobs;

namespace Shop.Web.Platform.Security;

/// <summary>Deletes ended rate-limit windows. Deleting is idempotent, so every instance may run it.</summary>
internal sealed partial class RateLimitWindowCleanup(SharedRateLimitCounters counters, TimeProvider clock, ILogger<RateLimitWindowCleanup> logger)
    : PeriodicJob(clock)
{
    protected override TimeSpan Period => TimeSpan.FromMinutes(5);

    protected override Task RunRoundAsync(CancellationToken cancellationToken) => counters.DeleteEndedAsync(cancellationToken);

    protected override void OnRoundFailed(Exception exception) => LogFailed(exception);

    [LoggerMessage(LogLevel.Warning, "Deleting ended rate-limit windows failed; the next round tries again")]
    private partial void LogFailed(Exception exception);
}

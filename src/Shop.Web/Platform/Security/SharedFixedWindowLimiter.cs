using System.Diagnostics;
using System.Threading.RateLimiting;

namespace Shop.Web.Platform.Security;

/// <summary>
/// A fixed-window limit for one key whose count lives in <see cref="SharedRateLimitCounters"/>. Knowing
/// the count takes a database round trip, so it answers only asynchronously: AttemptAcquire declines
/// without counting, and callers (the rate-limiting middleware among them) then await AcquireAsync.
/// </summary>
internal sealed class SharedFixedWindowLimiter(SharedRateLimitCounters counters, string key, int permitLimit, TimeSpan window) : RateLimiter
{
    private long lastUsed = Stopwatch.GetTimestamp();

    // Lets a partitioned limiter drop this instance once unused; the count itself stays in the database.
    public override TimeSpan? IdleDuration => Stopwatch.GetElapsedTime(Interlocked.Read(ref lastUsed));

    public override RateLimiterStatistics? GetStatistics() => null;

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => WindowLease.Declined;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref lastUsed, Stopwatch.GetTimestamp());
        var count = await counters.HitAsync(key, window, permitCount, cancellationToken);
        return count.Hits <= permitLimit ? WindowLease.Granted : new WindowLease(false, count.UntilWindowEnds);
    }

    private sealed class WindowLease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly WindowLease Granted = new(true, null);
        public static readonly WindowLease Declined = new(false, null);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter is not null && metadataName == MetadataName.RetryAfter.Name ? retryAfter.Value : null;
            return metadata is not null;
        }
    }
}

namespace Shop.Web.Platform.Jobs;

public static class Backoff
{
    /// <summary>
    /// The wait before the next try: doubling from <paramref name="baseDelay"/> up to <paramref name="maxDelay"/>,
    /// with ±20 % jitter so that work failing together does not retry in lockstep.
    /// </summary>
    public static TimeSpan Delay(int attempts, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        var exponential = baseDelay.TotalMilliseconds * Math.Pow(2, Math.Max(0, attempts - 1));
        var capped = Math.Min(exponential, maxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.8 + Random.Shared.NextDouble() * 0.4));
    }
}

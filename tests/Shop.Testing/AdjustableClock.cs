namespace Shop.Testing;

/// <summary>A clock tests move forward to reach expiry times without waiting for them.</summary>
public sealed class AdjustableClock : TimeProvider
{
    private TimeSpan offset;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;

    public void Advance(TimeSpan by) => offset += by;

    /// <summary>A clock that has just entered a new <paramref name="period"/>, periods counted from year 1 as fixed rate-limit windows are.</summary>
    public static AdjustableClock AtStartOf(TimeSpan period)
    {
        var clock = new AdjustableClock();
        clock.Advance(TimeSpan.FromTicks(period.Ticks - clock.GetUtcNow().UtcTicks % period.Ticks));
        return clock;
    }
}

namespace Shop.Testing;

/// <summary>A clock tests move forward to reach expiry times without waiting for them.</summary>
public sealed class AdjustableClock : TimeProvider
{
    private TimeSpan offset;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;

    public void Advance(TimeSpan by) => offset += by;
}

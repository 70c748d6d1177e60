using System.Threading.RateLimiting;
using Dapper;
using Npgsql;

namespace Shop.Web.Platform.Security;

/// <summary>The hits a key has had in its current window, and how long until that window ends.</summary>
public readonly record struct WindowCount(int Hits, TimeSpan UntilWindowEnds);

/// <summary>
/// Fixed-window hit counters in PostgreSQL, the store every instance shares, so that a limit of N
/// holds for the whole shop rather than N per instance. One statement adds the hits and reads the
/// window's total, so concurrent hits from any number of instances are never lost.
/// </summary>
public sealed class SharedRateLimitCounters(NpgsqlDataSource dataSource, TimeProvider clock)
{
    public async Task<WindowCount> HitAsync(string key, TimeSpan window, int hits, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var start = new DateTimeOffset(now.UtcTicks - now.UtcTicks % window.Ticks, TimeSpan.Zero);
        var end = start + window;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<int>(new CommandDefinition("""
            INSERT INTO platform.rate_limit_windows AS w (key, window_start, window_end, hits)
            VALUES (@key, @start, @end, @hits)
            ON CONFLICT (key, window_start) DO UPDATE SET hits = w.hits + excluded.hits
            RETURNING w.hits
            """, new { key, start, end, hits }, cancellationToken: cancellationToken));
        return new WindowCount(total, end - now);
    }

    /// <summary>Forgets the windows that have ended; returns how many.</summary>
    public async Task<int> DeleteEndedAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM platform.rate_limit_windows WHERE window_end <= @now", new { now = clock.GetUtcNow() }, cancellationToken: cancellationToken));
    }

    /// <summary>A rate-limiter partition whose permits are counted here: <paramref name="permitLimit"/> per window for the key.</summary>
    public RateLimitPartition<string> FixedWindow(string key, int permitLimit, TimeSpan window) =>
        RateLimitPartition.Get(key, partitionKey => new SharedFixedWindowLimiter(this, partitionKey, permitLimit, window));
}

public static class SharedRateLimitSetup
{
    public static IServiceCollection AddSharedRateLimitCounters(this IServiceCollection services)
    {
        services.AddSingleton<SharedRateLimitCounters>();
        services.AddHostedService<RateLimitWindowCleanup>();
        return services;
    }
}

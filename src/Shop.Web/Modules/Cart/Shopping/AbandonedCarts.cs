using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Jobs;

namespace Shop.Web.Modules.Cart.Shopping;

public sealed class CartOptions
{
    public const string Section = "Cart";

    /// <summary>Guest carts untouched for this many days are removed (customers' carts are kept).</summary>
    public int GuestCartDays { get; set; } = 30;
}

/// <summary>
/// Removes guest carts nobody came back to, hourly and in batches. Every instance runs it; a cart
/// deleted by one is simply not found by another, so running everywhere at once is harmless.
/// </summary>
public sealed partial class AbandonedCarts(IServiceScopeFactory scopes, IOptions<CartOptions> options, TimeProvider clock, ILogger<AbandonedCarts> logger)
    : PeriodicJob(clock)
{
    private const int BatchSize = 1_000;

    /// <summary>Removes the abandoned guest carts; returns how many.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        var before = Clock.GetUtcNow().AddDays(-options.Value.GuestCartDays);
        var removed = 0;
        int batch;
        do
        {
            batch = await db.Database.ExecuteSqlAsync($"""
                DELETE FROM cart.carts WHERE id IN (
                    SELECT id FROM cart.carts WHERE customer_id IS NULL AND updated_at < {before} LIMIT {BatchSize})
                """, cancellationToken);
            removed += batch;
        }
        while (batch == BatchSize);
        return removed;
    }

    protected override TimeSpan Period => TimeSpan.FromHours(1);

    protected override async Task RunRoundAsync(CancellationToken stoppingToken)
    {
        if (await SweepAsync(stoppingToken) is var removed and > 0)
            LogSwept(removed);
    }

    protected override void OnRoundFailed(Exception exception) => LogSweepFailed(exception);

    [LoggerMessage(LogLevel.Information, "Removed {Count} abandoned guest carts")]
    private partial void LogSwept(int count);

    [LoggerMessage(LogLevel.Warning, "Removing abandoned guest carts failed; trying again in an hour")]
    private partial void LogSweepFailed(Exception exception);
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Shop.Web.Modules.Ordering.Contracts;
using Shop.Web.Modules.Ordering.Data;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Jobs;

namespace Shop.Web.Modules.Ordering.Orders;

public sealed class OrderingOptions
{
    public const string Section = "Ordering";

    /// <summary>An order to be paid online that is still unpaid after this long is cancelled and its stock released.</summary>
    public TimeSpan UnpaidOrderLifetime { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>
/// Cancels orders nobody paid for in time, every minute on every instance. Each order is cancelled
/// under its row lock and only while it is still unpaid and pending, so instances running at once
/// cancel it once, and a payment that lands first wins.
/// </summary>
public sealed partial class UnpaidOrderExpiry(IServiceScopeFactory scopes, IOptions<OrderingOptions> options, TimeProvider clock, ILogger<UnpaidOrderExpiry> logger)
    : PeriodicJob(clock)
{
    /// <summary>Cancels the overdue orders; returns how many this call cancelled.</summary>
    public async Task<int> ExpireAsync(CancellationToken cancellationToken = default)
    {
        var cutoff = Clock.GetUtcNow() - options.Value.UnpaidOrderLifetime;
        bool Overdue(Order order) => order.Status == OrderStatus.PendingPayment && !order.IsPaid
            && order.PaymentMethod != Order.CashOnDelivery && order.PlacedAt < cutoff;
        List<Guid> overdue;
        await using (var scope = scopes.CreateAsyncScope())
            overdue = await scope.ServiceProvider.GetRequiredService<OrderStore>().Orders
                .Where(o => o.Status == OrderStatus.PendingPayment && o.PaidAt == null && o.PaymentMethod != Order.CashOnDelivery && o.PlacedAt < cutoff)
                .OrderBy(o => o.PlacedAt).Select(o => o.Id).Take(500).ToListAsync(cancellationToken);
        var cancelled = 0;
        foreach (var orderId in overdue)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
            var store = scope.ServiceProvider.GetRequiredService<OrderStore>();
            try
            {
                if (await db.InTransactionAsync(() => store.ChangeAsync(orderId, Overdue, (order, now) => store.CancelAsync(order, "it was not paid in time", null, now))))
                    cancelled++;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // One order that cannot be cancelled (its stock was not held, say) must not hold back the ones after it.
                LogOrderFailed(exception, orderId);
            }
        }
        return cancelled;
    }

    protected override TimeSpan Period => TimeSpan.FromMinutes(1);

    protected override async Task RunRoundAsync(CancellationToken stoppingToken)
    {
        if (await ExpireAsync(stoppingToken) is var cancelled and > 0)
            LogExpired(cancelled);
    }

    protected override void OnRoundFailed(Exception exception) => LogFailed(exception);

    [LoggerMessage(LogLevel.Information, "Cancelled {Count} orders that were not paid in time")]
    private partial void LogExpired(int count);

    [LoggerMessage(LogLevel.Warning, "Order {OrderId} was not paid in time but could not be cancelled; trying again in a minute")]
    private partial void LogOrderFailed(Exception exception, Guid orderId);

    [LoggerMessage(LogLevel.Warning, "Cancelling unpaid orders failed; trying again in a minute")]
    private partial void LogFailed(Exception exception);
}

using Microsoft.Extensions.Options;
using Shop.Web.Modules.Analytics.Data;
using Shop.Web.Modules.Ordering.Contracts;
using Shop.Web.Modules.Payments.Contracts;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Outbox;
using Shop.Web.Platform.Storefront;

namespace Shop.Web.Modules.Analytics.Rollups;

/// <summary>
/// Keeps the sales rollups as order events arrive. Each runs in the outbox's transaction that records
/// the event as handled, so a redelivered event changes nothing; an order's events take turns on the
/// order and compare its current facts with what it was counted for, so they may arrive in any order.
/// </summary>
internal sealed class OrderRollups(ShopDbContext db, IOrderFacts orders, IRefundHistory refunds, RollupWriter writer, IOptions<StorefrontSettings> store)
    : IIntegrationEventHandler<OrderPlaced>, IIntegrationEventHandler<OrderStatusChanged>, IIntegrationEventHandler<RefundIssued>
{
    public Task HandleAsync(OrderPlaced placed, CancellationToken cancellationToken) => CountAsync(placed.OrderId, cancellationToken);

    public Task HandleAsync(OrderStatusChanged changed, CancellationToken cancellationToken) => CountAsync(changed.OrderId, cancellationToken);

    public async Task HandleAsync(RefundIssued refund, CancellationToken cancellationToken)
    {
        if (await LockedFactsAsync(refund.OrderId, cancellationToken) is not { } order)
            return;
        var delta = new RollupDelta();
        RollupRules.Refund(delta, order, new RefundRecord(refund.RefundId, refund.OrderId, refund.Amount, refund.RefundedAt), store.Value.DayOf);
        await writer.WriteAsync(delta, cancellationToken);
    }

    private async Task CountAsync(Guid orderId, CancellationToken cancellationToken)
    {
        if (await LockedFactsAsync(orderId, cancellationToken) is not { } order)
            return;
        var delta = new RollupDelta();
        var counted = await db.Set<CountedOrder>().FindAsync([orderId], cancellationToken);
        var orderRefunds = order.CancelledAt is not null || order.RefundedOfflineAt is not null ? await refunds.RefundsOfAsync(orderId, cancellationToken) : [];
        if (counted is null)
        {
            var key = RollupRules.CustomerKey(order);
            await writer.LockAsync(key, cancellationToken);
            var first = await db.Set<FirstOrder>().FindAsync([key], cancellationToken);
            var now = RollupRules.Customer(delta, first, order, store.Value.DayOf);
            if (first is null)
                db.Add(now);
            db.Add(RollupRules.Count(delta, order, null, orderRefunds, store.Value.DayOf));
        }
        else
            RollupRules.Count(delta, order, counted, orderRefunds, store.Value.DayOf);
        await writer.WriteAsync(delta, cancellationToken);
    }

    private async Task<OrderFacts?> LockedFactsAsync(Guid orderId, CancellationToken cancellationToken)
    {
        await writer.GateAsync(exclusive: false, cancellationToken);
        await writer.LockAsync(orderId.ToString(), cancellationToken);
        return await orders.FindAsync(orderId, cancellationToken);
    }
}

using Microsoft.EntityFrameworkCore;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Modules.Inventory.Contracts;
using Shop.Web.Modules.Ordering.Contracts;
using Shop.Web.Modules.Ordering.Data;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Outbox;

namespace Shop.Web.Modules.Ordering.Orders;

/// <summary>
/// Loading and changing orders for customers, sellers and admins alike. Each change locks the order
/// row first, so two people acting on one order at once take turns, and the second sees the first's result.
/// </summary>
public sealed class OrderStore(ShopDbContext db, ISellerDirectory sellers, IInventory inventory, IOutbox outbox, TimeProvider clock,
    Microsoft.Extensions.Options.IOptions<ReturnPolicy> returns)
{
    public TimeSpan ReturnWindow => returns.Value.Window;

    public IQueryable<Order> Orders => db.Set<Order>().AsNoTracking();

    public async Task<Order?> LoadAsync(Guid orderId) =>
        await db.Set<Order>().AsNoTracking().Include(o => o.Lines).Include(o => o.Fulfillments).Include(o => o.Events).AsSplitQuery()
            .SingleOrDefaultAsync(o => o.Id == orderId);

    public async Task<OrderDetail> DetailAsync(Order order, bool includeInternal) =>
        OrderDetail.From(order, await sellers.FindAsync(order.Fulfillments.Select(f => f.SellerId).ToList()), includeInternal, clock.GetUtcNow(), ReturnWindow);

    /// <summary>
    /// Applies a change to the locked order and queues its events; false when there is no such order. A step of
    /// the caller's use case (or outbox handler), whose transaction holds the lock and saves the change (ADR 0037).
    /// </summary>
    public async Task<bool> ChangeAsync(Guid orderId, Func<Order, bool> allowed, Func<Order, DateTimeOffset, Task> change)
    {
        await db.Database.ExecuteSqlAsync($"SELECT id FROM ordering.orders WHERE id = {orderId} FOR UPDATE");
        var order = await db.Set<Order>().Include(o => o.Lines).Include(o => o.Fulfillments).Include(o => o.Events).AsSplitQuery()
            .SingleOrDefaultAsync(o => o.Id == orderId);
        if (order is null || !allowed(order))
            return false;
        var before = order.Status;
        var wasPaid = order.IsPaid;
        var fulfillmentsBefore = order.Fulfillments.ToDictionary(f => f.Id, f => f.Status);
        await change(order, clock.GetUtcNow());
        if (order.Status != before)
            outbox.Add(new OrderStatusChanged(order.Id, order.Status));
        foreach (var moved in order.Fulfillments.Where(f => fulfillmentsBefore[f.Id] != f.Status))
            outbox.Add(new FulfillmentStatusChanged(order.Id, moved.Id, moved.SellerId, moved.Status));
        if (order.IsPaid && !wasPaid)
            outbox.Add(new OrderPaid(order.Id, order.Number, order.Currency, order.Lines.Select(l => new PaidLine(l.SellerId, l.CategoryId, l.Total)).ToList()));
        return true;
    }

    /// <summary>Moves one seller's shipment on (for the seller, or an admin acting for it); shipping takes its items out of stock.</summary>
    public async Task AdvanceAsync(Order order, Guid fulfillmentId, FulfillmentStatus to, string? carrier, string? trackingNumber, Guid actorId, DateTimeOffset now)
    {
        order.Advance(fulfillmentId, to, carrier, trackingNumber, actorId, now);
        if (to == FulfillmentStatus.Shipped)
            await inventory.ShipAsync(order.Lines.Where(l => l.FulfillmentId == fulfillmentId).Select(l => new StockLine(l.VariantId, l.Quantity)).ToList(), order.Number);
    }

    /// <summary>Cancels an order and returns its held stock.</summary>
    public async Task CancelAsync(Order order, string reason, Guid? actorId, DateTimeOffset now)
    {
        order.Cancel(reason, actorId, now);
        await inventory.ReleaseAsync(order.Lines.Select(l => new StockLine(l.VariantId, l.Quantity)).ToList(), order.Number);
    }
}

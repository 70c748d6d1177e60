using Microsoft.EntityFrameworkCore;
using Shop.Web.Modules.Ordering.Contracts;
using Shop.Web.Modules.Ordering.Data;
using Shop.Web.Platform.Database;

namespace Shop.Web.Modules.Ordering.Orders;

internal sealed class OrderQueues(ShopDbContext db) : IOrderQueues
{
    public Task<IReadOnlyList<WaitingOrder>> AwaitingFulfillmentAsync(int limit, CancellationToken cancellationToken = default) =>
        OldestAsync(db.Set<Order>().Where(o => o.Status == OrderStatus.Paid || o.Status == OrderStatus.Processing
            || (o.Status == OrderStatus.PendingPayment && o.PaymentMethod == Order.CashOnDelivery)), limit, cancellationToken);

    public Task<IReadOnlyList<WaitingOrder>> ReturnRequestsAsync(int limit, CancellationToken cancellationToken = default) =>
        OldestAsync(db.Set<Order>().Where(o => o.Status == OrderStatus.ReturnRequested), limit, cancellationToken);

    public async Task<IReadOnlyList<WaitingFulfillment>> ToShipAsync(Guid sellerId, int limit, CancellationToken cancellationToken = default) =>
        await (from f in db.Set<Fulfillment>().AsNoTracking()
               join o in db.Set<Order>().AsNoTracking() on f.OrderId equals o.Id
               where f.SellerId == sellerId && (f.Status == FulfillmentStatus.Pending || f.Status == FulfillmentStatus.Processing)
                   && o.Status != OrderStatus.Cancelled && (o.PaidAt != null || o.PaymentMethod == Order.CashOnDelivery)
               // Order ids are version 7 (from the moment placed), so this is oldest first along the seller's open-shipments index.
               orderby f.OrderId
               select new WaitingFulfillment(f.Id, o.Number, o.PlacedAt, f.Status, o.Lines.Where(l => l.FulfillmentId == f.Id).Sum(l => l.Quantity)))
            .Take(limit).ToListAsync(cancellationToken);

    public async Task<IReadOnlyDictionary<Guid, string>> NumbersAsync(IReadOnlyCollection<Guid> orderIds, CancellationToken cancellationToken = default) =>
        await db.Set<Order>().AsNoTracking().Where(o => orderIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Number, cancellationToken);

    private static async Task<IReadOnlyList<WaitingOrder>> OldestAsync(IQueryable<Order> orders, int limit, CancellationToken cancellationToken) =>
        await orders.AsNoTracking().OrderBy(o => o.PlacedAt).Take(limit)
            .Select(o => new WaitingOrder(o.Id, o.Number, o.PlacedAt, o.Status, o.Total, o.Currency)).ToListAsync(cancellationToken);
}

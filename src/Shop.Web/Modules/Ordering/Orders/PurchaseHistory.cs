using Microsoft.EntityFrameworkCore;
using Shop.Web.Modules.Ordering.Contracts;
using Shop.Web.Modules.Ordering.Data;
using Shop.Web.Platform.Database;

namespace Shop.Web.Modules.Ordering.Orders;

internal sealed class PurchaseHistory(ShopDbContext db) : IPurchaseHistory
{
    public Task<bool> HasReceivedAsync(Guid customerId, Guid productId, CancellationToken cancellationToken = default) =>
        (from o in db.Set<Order>()
         join l in db.Set<OrderLine>() on o.Id equals l.OrderId
         join f in db.Set<Fulfillment>() on l.FulfillmentId equals f.Id
         where o.CustomerId == customerId && l.ProductId == productId && f.Status == FulfillmentStatus.Delivered
         select l.Id).AnyAsync(cancellationToken);

    public async Task<IReadOnlyList<Guid>> BoughtProductsAsync(Guid customerId, int limit, CancellationToken cancellationToken = default) =>
        await (from o in db.Set<Order>()
               join l in db.Set<OrderLine>() on o.Id equals l.OrderId
               where o.CustomerId == customerId
               group o.PlacedAt by l.ProductId into product
               orderby product.Max() descending
               select product.Key).Take(limit).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<ReceivedProduct>> ReceivedAsync(int limit, CancellationToken cancellationToken = default) =>
        await (from o in db.Set<Order>()
               join l in db.Set<OrderLine>() on o.Id equals l.OrderId
               join f in db.Set<Fulfillment>() on l.FulfillmentId equals f.Id
               where o.CustomerId != null && f.Status == FulfillmentStatus.Delivered
               group f.DeliveredAt by new { CustomerId = o.CustomerId!.Value, l.ProductId, l.SellerId } into received
               orderby received.Min()
               select new ReceivedProduct(received.Key.CustomerId, received.Key.ProductId, received.Key.SellerId, received.Min()!.Value))
            .Take(limit).ToListAsync(cancellationToken);
}

using Microsoft.EntityFrameworkCore;
using Shop.Web.Modules.Ordering.Contracts;
using Shop.Web.Modules.Ordering.Data;
using Shop.Web.Platform.Database;

namespace Shop.Web.Modules.Ordering.Orders;

internal sealed class CustomerOrderReferences(ShopDbContext db) : ICustomerOrderReferences
{
    public async Task<IReadOnlyList<CustomerOrderReference>> RecentAsync(Guid customerId, int limit, CancellationToken cancellationToken = default) =>
        await Own(customerId).OrderByDescending(o => o.PlacedAt).Take(limit)
            .Select(o => new CustomerOrderReference(o.Id, o.Number, o.PlacedAt)).ToListAsync(cancellationToken);

    public Task<CustomerOrderReference?> FindOwnAsync(Guid customerId, Guid orderId, CancellationToken cancellationToken = default) =>
        Own(customerId).Where(o => o.Id == orderId)
            .Select(o => new CustomerOrderReference(o.Id, o.Number, o.PlacedAt)).SingleOrDefaultAsync(cancellationToken);

    public async Task<IReadOnlyList<Guid>> SellersOfOwnAsync(Guid customerId, Guid orderId, CancellationToken cancellationToken = default) =>
        await Own(customerId).Where(o => o.Id == orderId).SelectMany(o => o.Fulfillments).Select(f => f.SellerId).Distinct()
            .ToListAsync(cancellationToken);

    private IQueryable<Order> Own(Guid customerId) => db.Set<Order>().AsNoTracking().Where(o => o.CustomerId == customerId);
}

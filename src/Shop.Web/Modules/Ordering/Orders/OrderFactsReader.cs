using Microsoft.EntityFrameworkCore;
using Shop.Web.Modules.Ordering.Contracts;
using Shop.Web.Modules.Ordering.Data;
using Shop.Web.Platform.Database;

namespace Shop.Web.Modules.Ordering.Orders;

internal sealed class OrderFactsReader(ShopDbContext db) : IOrderFacts
{
    public async Task<OrderFacts?> FindAsync(Guid orderId, CancellationToken cancellationToken = default) =>
        (await FactsAsync([orderId], cancellationToken)).SingleOrDefault();

    public Task<int> CountAsync(CancellationToken cancellationToken = default) => db.Set<Order>().CountAsync(cancellationToken);

    public async Task<IReadOnlyList<OrderFacts>> PageAsync(Guid? afterId, int size, CancellationToken cancellationToken = default)
    {
        var ids = await db.Database.SqlQuery<Guid>($"SELECT id AS \"Value\" FROM ordering.orders WHERE id > {afterId ?? Guid.Empty} ORDER BY id LIMIT {size}")
            .ToListAsync(cancellationToken);
        var facts = (await FactsAsync(ids, cancellationToken)).ToDictionary(f => f.Id);
        return ids.Select(id => facts[id]).ToList();
    }

    private async Task<List<OrderFacts>> FactsAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken) =>
        await db.Set<Order>().AsNoTracking().Where(o => ids.Contains(o.Id))
            .Select(o => new OrderFacts(o.Id, o.CustomerId, o.Email, o.PaymentMethod, o.Status, o.Total, o.PlacedAt,
                o.Events.Where(e => e.Kind == "cancelled").Min(e => (DateTimeOffset?)e.CreatedAt),
                o.Events.Where(e => e.Kind == "returned").Min(e => (DateTimeOffset?)e.CreatedAt),
                o.Events.Where(e => e.Kind == "refunded").Min(e => (DateTimeOffset?)e.CreatedAt),
                o.Lines.OrderBy(l => l.Id).Select(l => new OrderFactLine(l.ProductId, l.VariantId, l.SellerId, l.CategoryId, l.Quantity, l.Total)).ToList()))
            .AsSplitQuery().ToListAsync(cancellationToken);
}

using Microsoft.EntityFrameworkCore;
using Shop.Web.Modules.Catalog.Data;
using Shop.Web.Modules.Ordering.Contracts;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Outbox;

namespace Shop.Web.Modules.Catalog.Products;

/// <summary>
/// Counts units ordered per product for "best selling" (sort and home page). The outbox hands each
/// order to this handler once, so the count is not raised twice for one order.
/// </summary>
internal sealed class SalesProjection(ShopDbContext db) : IIntegrationEventHandler<OrderPlaced>
{
    public async Task HandleAsync(OrderPlaced placed, CancellationToken cancellationToken)
    {
        foreach (var product in placed.Items.GroupBy(i => i.ProductId))
        {
            var units = product.Sum(i => i.Quantity);
            await db.Set<Product>().Where(p => p.Id == product.Key)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.SoldCount, p => p.SoldCount + units), cancellationToken);
        }
    }
}

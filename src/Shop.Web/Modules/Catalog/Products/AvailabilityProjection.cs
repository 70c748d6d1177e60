using Microsoft.EntityFrameworkCore;
using Shop.Web.Modules.Catalog.Data;
using Shop.Web.Modules.Inventory.Contracts;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Outbox;

namespace Shop.Web.Modules.Catalog.Products;

/// <summary>
/// Keeps the listing's "in stock" flag in step with inventory. It asks for the current levels
/// rather than trusting the event, so events arriving late or twice still leave the right value.
/// </summary>
internal sealed class AvailabilityProjection(ShopDbContext db, IInventory inventory, Browse.CatalogCache cache) : IIntegrationEventHandler<ProductAvailabilityChanged>
{
    public async Task HandleAsync(ProductAvailabilityChanged changed, CancellationToken cancellationToken)
    {
        var variantIds = await db.Set<Variant>().Where(v => v.ProductId == changed.ProductId).Select(v => v.Id).ToListAsync(cancellationToken);
        var inStock = (await inventory.LevelsAsync(variantIds)).Values.Any(l => l.Available > 0);
        await db.Set<Product>().Where(p => p.Id == changed.ProductId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.InStock, inStock), cancellationToken);
        cache.Invalidate();
    }
}

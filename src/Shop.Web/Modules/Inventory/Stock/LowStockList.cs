using Microsoft.EntityFrameworkCore;
using Shop.Web.Modules.Inventory.Contracts;
using Shop.Web.Modules.Inventory.Data;
using Shop.Web.Platform.Database;

namespace Shop.Web.Modules.Inventory.Stock;

internal sealed class LowStockList(ShopDbContext db) : ILowStock
{
    public async Task<IReadOnlyList<LowStockItem>> ListAsync(Guid? sellerId, int limit, CancellationToken cancellationToken = default)
    {
        var items = db.Set<StockItem>().AsNoTracking();
        if (sellerId is { } seller)
            items = items.Where(s => s.SellerId == seller);
        return await items.Where(s => s.OnHand - s.Reserved <= s.LowStockThreshold).OrderBy(s => s.OnHand - s.Reserved).ThenBy(s => s.Sku).Take(limit)
            .Select(s => new LowStockItem(s.VariantId, s.ProductId, s.Sku, s.OnHand - s.Reserved, s.LowStockThreshold)).ToListAsync(cancellationToken);
    }
}

using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Shop.Web.Modules.Catalog.Data;
using Shop.Web.Modules.Catalog.Products;
using Shop.Web.Modules.Inventory.Contracts;
using Shop.Web.Platform.Database;

namespace Shop.Web.Modules.Catalog.Import;

/// <summary>Writes a seller's (or, for admins, every) product as CSV rows, one per variant, in the import format.</summary>
public sealed class ProductExporter(ShopDbContext db, IInventory inventory)
{
    private const int PageSize = 500;

    /// <summary>One row per variant, products in pages along their ids, so a catalogue of any size streams.</summary>
    public async IAsyncEnumerable<IReadOnlyList<ProductCsvRow>> RowsAsync(CatalogActor actor, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var categories = await db.Set<Category>().AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Slug, cancellationToken);
        Guid? after = null;
        while (true)
        {
            var page = db.Set<Product>().AsNoTracking().Where(p => actor.SellerScope == null || p.SellerId == actor.SellerScope);
            if (after is { } last)
                page = page.Where(p => p.Id.CompareTo(last) > 0);
            var products = await page.Include(p => p.Variants).OrderBy(p => p.Id).Take(PageSize).ToListAsync(cancellationToken);
            if (products.Count == 0)
                yield break;
            var levels = await inventory.LevelsAsync(products.SelectMany(p => p.Variants).Select(v => v.Id).ToList());
            var rows = products.SelectMany(p => p.Variants.OrderBy(v => v.Position).Select((v, i) => new ProductCsvRow
            {
                Handle = p.Slug,
                Title = i == 0 ? p.Title : null,
                Brand = i == 0 ? p.Brand : null,
                Category = i == 0 ? categories.GetValueOrDefault(p.CategoryId) : null,
                Status = i == 0 ? p.Status.ToString().ToLowerInvariant() : null,
                Description = i == 0 ? p.Description : null,
                Details = i == 0 ? ProductCsv.Pairs(p.Attributes) : null,
                Sku = v.Sku,
                Options = ProductCsv.Pairs(v.Options),
                Price = v.Price.ToString("0.00", CultureInfo.InvariantCulture),
                CompareAtPrice = v.CompareAtPrice?.ToString("0.00", CultureInfo.InvariantCulture),
                WeightGrams = v.WeightGrams.ToString(CultureInfo.InvariantCulture),
                Stock = (levels.GetValueOrDefault(v.Id)?.OnHand ?? 0).ToString(CultureInfo.InvariantCulture),
                LowStockThreshold = (levels.GetValueOrDefault(v.Id)?.LowStockThreshold ?? 5).ToString(CultureInfo.InvariantCulture),
            })).ToList();
            yield return rows;
            after = products[^1].Id;
        }
    }
}

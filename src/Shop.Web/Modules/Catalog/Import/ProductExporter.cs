using System.Globalization;
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

    public async Task WriteAsync(CatalogActor actor, TextWriter writer, CancellationToken cancellationToken)
    {
        var categories = await db.Set<Category>().AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Slug, cancellationToken);
        var header = true;
        for (var page = 0; ; page++)
        {
            var products = await db.Set<Product>().AsNoTracking().Include(p => p.Variants)
                .Where(p => actor.SellerScope == null || p.SellerId == actor.SellerScope)
                .OrderBy(p => p.Id).Skip(page * PageSize).Take(PageSize).ToListAsync(cancellationToken);
            if (products.Count == 0 && !header)
                break;
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
            // CsvHelper writes synchronously: each page goes through memory, then to the response asynchronously.
            using var buffer = new StringWriter(CultureInfo.InvariantCulture);
            ProductCsv.Write(buffer, rows, includeHeader: header);
            header = false;
            await writer.WriteAsync(buffer.ToString().AsMemory(), cancellationToken);
            await writer.FlushAsync(cancellationToken);
            if (products.Count < PageSize)
                break;
        }
    }
}

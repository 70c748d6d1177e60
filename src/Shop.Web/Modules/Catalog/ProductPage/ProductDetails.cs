using Microsoft.EntityFrameworkCore;
using Shop.Web.Modules.Catalog.Categories;
using Shop.Web.Modules.Catalog.Contracts;
using Shop.Web.Modules.Catalog.Data;
using Shop.Web.Modules.Catalog.Products;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Modules.Inventory.Contracts;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Localization;
using Shop.Web.Platform.Text;

namespace Shop.Web.Modules.Catalog.ProductPage;

public enum StockState
{
    InStock,
    LowStock,
    OutOfStock,
}

public sealed record PublicVariant(
    Guid Id, string Sku, IReadOnlyDictionary<string, string> Options, decimal Price, decimal? CompareAtPrice, int WeightGrams, int Available, StockState Stock)
{
    public string Label => Options.Count == 0 ? "Standard" : string.Join(" / ", Options.Values);
}

/// <summary>A product as a shopper sees it, with every variant's price and availability.</summary>
public sealed record ProductDetail(
    Guid Id, string Title, string Slug, string Brand, string DescriptionHtml, string Summary, string Currency, decimal MinPrice, decimal MaxPrice,
    bool InStock, decimal AverageRating, int ReviewCount, IReadOnlyDictionary<string, string> Attributes, IReadOnlyList<PublicVariant> Variants,
    IReadOnlyList<ImageView> Images, IReadOnlyList<CategoryCrumb> Breadcrumbs, Guid SellerId, SellerProfile? Seller,
    IReadOnlyDictionary<string, IReadOnlyList<string>> OptionValues, DateTimeOffset UpdatedAt);

public sealed class ProductDetails(ShopDbContext db, CategoryTree categories, IInventory inventory, ISellerDirectory sellers)
{
    /// <summary>An active product by id or slug; drafts and archived products are not found.</summary>
    public async Task<ProductDetail?> FindAsync(string idOrSlug)
    {
        var products = db.Set<Product>().AsNoTracking().Include(p => p.Variants).Include(p => p.Images).Where(p => p.Status == ProductStatus.Active);
        var product = Guid.TryParse(idOrSlug, out var id)
            ? await products.SingleOrDefaultAsync(p => p.Id == id)
            : await products.SingleOrDefaultAsync(p => p.Slug == idOrSlug);
        if (product is null)
            return null;

        var levels = await inventory.LevelsAsync(product.Variants.Select(v => v.Id).ToList());
        var variants = product.Variants.OrderBy(v => v.Position).Select(v =>
        {
            var level = levels.GetValueOrDefault(v.Id);
            var available = level?.Available ?? 0;
            var state = available <= 0 ? StockState.OutOfStock : available <= (level?.LowStockThreshold ?? 0) ? StockState.LowStock : StockState.InStock;
            return new PublicVariant(v.Id, v.Sku, v.Options, v.Price, v.CompareAtPrice, v.WeightGrams, Math.Max(0, available), state);
        }).ToList();
        var optionValues = variants.SelectMany(v => v.Options)
            .GroupBy(o => o.Key)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(o => o.Value).Distinct().ToList());
        var category = await categories.FindAsync(product.CategoryId);
        var seller = (await sellers.FindAsync([product.SellerId])).GetValueOrDefault(product.SellerId);
        // The shopper's language where the seller wrote it, else the default.
        var translated = product.Translations.GetValueOrDefault(ShopLanguages.Current.Code);
        var title = ProductTitles.ForReader(product.Title, product.Translations.GetValueOrDefault(ProductTitles.Hindi)?.Title);
        var description = translated?.Description is { Length: > 0 } ownDescription ? ownDescription : product.Description;
        return new ProductDetail(product.Id, title, product.Slug, product.Brand, SafeMarkdown.ToHtml(description),
            SafeMarkdown.ToPlainText(description), product.Currency, product.MinPrice, product.MaxPrice, variants.Any(v => v.Available > 0),
            product.RatingAverage, product.RatingCount, product.Attributes, variants,
            product.Images.OrderBy(i => i.Position).Select(i => i.View()).ToList(),
            category is null ? [] : await categories.BreadcrumbsAsync(category), product.SellerId, seller, optionValues, product.UpdatedAt);
    }
}

using Microsoft.EntityFrameworkCore;
using Shop.Web.Modules.Catalog.Categories;
using Shop.Web.Modules.Catalog.Contracts;
using Shop.Web.Modules.Catalog.Data;
using Shop.Web.Platform.Database;

namespace Shop.Web.Modules.Catalog.Products;

internal sealed class CatalogLookup(ShopDbContext db, CategoryTree categories) : ICatalogLookup
{
    public async Task<IReadOnlyDictionary<Guid, VariantInfo>> VariantsAsync(IReadOnlyCollection<Guid> variantIds)
    {
        var rows = await (from v in db.Set<Variant>().AsNoTracking()
                          join p in db.Set<Product>().AsNoTracking() on v.ProductId equals p.Id
                          where variantIds.Contains(v.Id)
                          select new { Variant = v, p.Id, p.SellerId, p.CategoryId, p.Title, p.Translations, p.Slug, p.Currency, p.PrimaryImage, p.Status, p.CategoryPath }).ToListAsync();
        return rows.ToDictionary(r => r.Variant.Id, r => new VariantInfo(
            r.Variant.Id, r.Id, r.SellerId, r.CategoryId, r.Title, r.Translations.GetValueOrDefault(ProductTitles.Hindi)?.Title, r.Slug, r.Variant.Options.Count == 0 ? "Standard" : string.Join(" / ", r.Variant.Options.Values),
            r.Variant.Sku, r.Variant.Price, r.Currency, r.Variant.WeightGrams, r.PrimaryImage is null ? null : $"/media/{r.PrimaryImage}",
            r.Status == ProductStatus.Active, r.CategoryPath.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse).ToList()));
    }

    public async Task<IReadOnlyList<Guid>> VariantsForSaleAsync(int limit) =>
        await (from v in db.Set<Variant>().AsNoTracking()
               join p in db.Set<Product>().AsNoTracking() on v.ProductId equals p.Id
               where p.Status == ProductStatus.Active
               orderby p.CreatedAt, v.Id
               select v.Id).Take(limit).ToListAsync();

    public Task<ProductReference?> ProductAsync(Guid productId) =>
        db.Set<Product>().AsNoTracking().Where(p => p.Id == productId)
            .Select(p => new ProductReference(p.Id, p.SellerId, p.Title, p.Slug, p.Status == ProductStatus.Active)).SingleOrDefaultAsync();

    public async Task<IReadOnlyList<CategoryChoice>> CategoriesAsync() =>
        (await categories.TreeAsync()).Flattened().Select(c => new CategoryChoice(c.Node.Id, c.Node.Name, c.Depth)).ToList();

    public async Task<IReadOnlyList<CategoryLink>> NavigationAsync() => Links(await categories.TreeAsync());

    private static IReadOnlyList<CategoryLink> Links(IEnumerable<CategoryNode> nodes) =>
        nodes.Where(n => n.ProductCount > 0).Select(n => new CategoryLink(n.Name, n.Slug, Links(n.Children))).ToList();
}

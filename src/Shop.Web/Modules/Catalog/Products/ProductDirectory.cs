using Microsoft.EntityFrameworkCore;
using Shop.Web.Modules.Catalog.Contracts;
using Shop.Web.Modules.Catalog.Data;
using Shop.Web.Platform.Database;

namespace Shop.Web.Modules.Catalog.Products;

internal sealed class ProductDirectory(ShopDbContext db) : IProductDirectory
{
    public async Task<ProductInfo?> FindActiveAsync(string idOrSlug, CancellationToken cancellationToken = default)
    {
        var active = db.Set<Product>().AsNoTracking().Where(p => p.Status == ProductStatus.Active);
        active = Guid.TryParse(idOrSlug, out var id) ? active.Where(p => p.Id == id) : active.Where(p => p.Slug == idOrSlug);
        return await active.Select(p => Info(p.Id, p.SellerId, p.Title, p.Translations, p.Slug, true)).SingleOrDefaultAsync(cancellationToken);
    }

    public async Task<IReadOnlyDictionary<Guid, ProductInfo>> FindAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken = default) =>
        await db.Set<Product>().AsNoTracking().Where(p => ids.Contains(p.Id))
            .Select(p => Info(p.Id, p.SellerId, p.Title, p.Translations, p.Slug, p.Status == ProductStatus.Active))
            .ToDictionaryAsync(p => p.Id, cancellationToken);

    public Task SetRatingAsync(Guid productId, decimal average, int count, CancellationToken cancellationToken = default) =>
        db.Set<Product>().Where(p => p.Id == productId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.RatingAverage, average).SetProperty(p => p.RatingCount, count), cancellationToken);

    private static ProductInfo Info(Guid id, Guid sellerId, string title, Dictionary<string, ProductText> translations, string slug, bool active) =>
        new(id, sellerId, title, translations.GetValueOrDefault(ProductTitles.Hindi)?.Title, slug, active);
}

using Shop.Web.Modules.Catalog.Categories;

namespace Shop.Web.Modules.Catalog.Browse;

/// <summary>A top-level category as the home page shows it: its own picture, or else that of its best-selling product.</summary>
public sealed record CategoryTile(string Name, string Slug, int ProductCount, string? ImageUrl)
{
    public static async Task<IReadOnlyList<CategoryTile>> ForAsync(IReadOnlyList<CategoryNode> categories, CatalogSearch search)
    {
        var tiles = new List<CategoryTile>();
        foreach (var category in categories)
            tiles.Add(new CategoryTile(category.Name, category.Slug, category.ProductCount, category.ImageUrl ?? await BestSellerPictureAsync(category.Slug, search)));
        return tiles;
    }

    private static async Task<string?> BestSellerPictureAsync(string slug, CatalogSearch search)
    {
        var bestSellers = await search.ListAsync(new ProductQuery { Category = slug, Sort = ProductSort.BestSelling, PageSize = 4 });
        return bestSellers.Items.Select(card => card.ImageUrl).FirstOrDefault(url => url is not null);
    }
}

namespace Shop.Web.Modules.Catalog.Contracts;

/// <summary>
/// What other modules (inventory pages, cart, checkout) need to know about a variant. <see cref="ProductTitle"/> is
/// the default title (orders keep it); shoppers see <see cref="ReaderTitle"/>.
/// </summary>
public sealed record VariantInfo(
    Guid VariantId, Guid ProductId, Guid SellerId, Guid CategoryId, string ProductTitle, string? HindiTitle, string ProductSlug, string VariantLabel, string Sku,
    decimal Price, string Currency, int WeightGrams, string? ImageUrl, bool Purchasable, IReadOnlyList<Guid> CategoryPath)
{
    /// <summary>The title in the language of the request being served.</summary>
    public string ReaderTitle => ProductTitles.ForReader(ProductTitle, HindiTitle);
}

/// <summary>A product as other modules name it: its seller, title and page.</summary>
public sealed record ProductReference(Guid Id, Guid SellerId, string Title, string Slug, bool Active);

/// <summary>A category as a picker shows it: indented by its depth in the tree.</summary>
public sealed record CategoryChoice(Guid Id, string Name, int Depth);

/// <summary>A category as the shop's menus link to it, with those of its subcategories that have products for sale.</summary>
public sealed record CategoryLink(string Name, string Slug, IReadOnlyList<CategoryLink> Children)
{
    public string Url => $"/c/{Slug}";
}

public interface ICatalogLookup
{
    Task<IReadOnlyDictionary<Guid, VariantInfo>> VariantsAsync(IReadOnlyCollection<Guid> variantIds);

    /// <summary>Up to <paramref name="limit"/> variants of products for sale, oldest product first.</summary>
    Task<IReadOnlyList<Guid>> VariantsForSaleAsync(int limit);

    /// <summary>A product by id (drafts and archived ones too: <c>Active</c> says whether shoppers see it), or null.</summary>
    Task<ProductReference?> ProductAsync(Guid productId);

    /// <summary>Every category in tree order.</summary>
    Task<IReadOnlyList<CategoryChoice>> CategoriesAsync();

    /// <summary>
    /// The categories with products for sale, as a tree in display order. Read from the catalog's cache,
    /// which any change to categories or products, on any instance, empties.
    /// </summary>
    Task<IReadOnlyList<CategoryLink>> NavigationAsync();
}

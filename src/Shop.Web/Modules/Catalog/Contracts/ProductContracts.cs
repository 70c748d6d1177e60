namespace Shop.Web.Modules.Catalog.Contracts;

/// <summary>A product as other modules refer to it (reviews, moderation).</summary>
public sealed record ProductInfo(Guid Id, Guid SellerId, string Title, string? HindiTitle, string Slug, bool Active)
{
    /// <summary>The title in the language of the request being served.</summary>
    public string ReaderTitle => ProductTitles.ForReader(Title, HindiTitle);
}

public interface IProductDirectory
{
    /// <summary>An active product by id or slug.</summary>
    Task<ProductInfo?> FindActiveAsync(string idOrSlug, CancellationToken cancellationToken = default);

    /// <summary>Products by id, whatever their status.</summary>
    Task<IReadOnlyDictionary<Guid, ProductInfo>> FindAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken = default);

    /// <summary>Sets the rating listings show and sort by, in the caller's transaction.</summary>
    Task SetRatingAsync(Guid productId, decimal average, int count, CancellationToken cancellationToken = default);
}

/// <summary>The product shown on the page a <see cref="ProductPageSection"/> is rendered into.</summary>
public sealed record ProductOnPage(Guid Id, string Slug, string Title);

/// <summary>
/// A component another module adds below the product page (reviews, for one). It receives a
/// <see cref="ProductOnPage"/> parameter named <c>Product</c>; sections appear in <paramref name="Order"/>.
/// </summary>
public sealed record ProductPageSection(Type Component, int Order);

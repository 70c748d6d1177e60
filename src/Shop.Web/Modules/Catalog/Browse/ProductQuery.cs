using Shop.Web.Modules.Catalog.Contracts;

namespace Shop.Web.Modules.Catalog.Browse;

public static class ProductSort
{
    public const string Relevance = "relevance";
    public const string PriceAscending = "price-asc";
    public const string PriceDescending = "price-desc";
    public const string Newest = "newest";
    public const string BestRated = "rating";
    public const string BestSelling = "best-selling";

    public static readonly IReadOnlyList<(string Value, string Label)> All =
    [
        (Relevance, "Relevance"), (PriceAscending, "Price: low to high"), (PriceDescending, "Price: high to low"),
        (Newest, "Newest"), (BestRated, "Best rated"), (BestSelling, "Best selling"),
    ];
}

/// <summary>What a shopper asks of the catalog: words, filters, order and page. <see cref="ListingQuery.Parse"/> reads it from a query string.</summary>
public sealed record ProductQuery
{
    /// <summary>Search words; typos are corrected when nothing matches as typed.</summary>
    public string? Q { get; init; }

    /// <summary>Category slug; products of its subcategories are included.</summary>
    public string? Category { get; init; }

    /// <summary>The highest price a filter may name.</summary>
    public const int HighestPrice = 100_000_000;

    /// <summary>Lowest price, included.</summary>
    public decimal? MinPrice { get; init; }

    /// <summary>Highest price, included.</summary>
    public decimal? MaxPrice { get; init; }

    public string[]? Brand { get; init; }

    public Guid[]? Seller { get; init; }

    /// <summary>Minimum average rating (1-5).</summary>
    public int? Rating { get; init; }

    public bool? InStock { get; init; }

    /// <summary>Option filters as name:value, e.g. option=colour:Blue&amp;option=size:M.</summary>
    public string[]? Option { get; init; }

    public string? Sort { get; init; }

    public int? Page { get; init; }

    public int? PageSize { get; init; }

    internal IReadOnlyDictionary<string, string[]> OptionFilters =>
        (Option ?? [])
            .Select(o => o.Split(':', 2))
            .Where(parts => parts.Length == 2 && parts[0].Trim().Length > 0 && parts[1].Trim().Length > 0)
            .GroupBy(parts => parts[0].Trim().ToLowerInvariant())
            .ToDictionary(g => g.Key, g => g.Select(parts => parts[1].Trim()).Distinct().ToArray());
}

/// <summary>A product in a listing. Cached listings serve readers of every language, so both titles are kept.</summary>
public sealed record ProductCard(
    Guid Id, string Title, string? HindiTitle, string Slug, string Brand, string Currency, decimal MinPrice, decimal MaxPrice, bool InStock,
    decimal AverageRating, int ReviewCount, string? ImageUrl, Guid SellerId, string? SellerName)
{
    /// <summary>The title in the language of the request being served.</summary>
    public string ReaderTitle => ProductTitles.ForReader(Title, HindiTitle);
}

public sealed record FacetValue(string Value, string Label, int Count, bool Selected);

public sealed record CatalogFacets(
    IReadOnlyList<FacetValue> Categories,
    IReadOnlyList<FacetValue> Brands,
    IReadOnlyList<FacetValue> Sellers,
    IReadOnlyList<FacetValue> Ratings,
    IReadOnlyList<FacetValue> Prices,
    FacetValue InStock,
    IReadOnlyDictionary<string, IReadOnlyList<FacetValue>> Options);

public sealed record ProductSearchResult(
    IReadOnlyList<ProductCard> Items, int Total, int Page, int PageSize, CatalogFacets Facets, string? CorrectedQuery, string Sort)
{
    public int PageCount => Total == 0 ? 0 : (Total + PageSize - 1) / PageSize;
}

namespace Shop.Web.Modules.Catalog.Browse;

/// <summary>
/// Raw facet counts from the listing index: each dimension counted with every filter but its own.
/// </summary>
/// <param name="Children">Products per child category of the listed one, by the child's id ("N" format).</param>
/// <param name="RatingsAtLeast">Products rated at least 4, 3, 2 and 1.</param>
/// <param name="PriceBands">Products per band of <see cref="CatalogSearch.PriceBands"/>.</param>
/// <param name="Options">Per option name, products per value.</param>
public sealed record FacetTallies(
    IReadOnlyDictionary<string, int> Children,
    IReadOnlyList<(string Brand, int Count)> Brands,
    IReadOnlyList<(Guid Seller, int Count)> Sellers,
    IReadOnlyList<int> RatingsAtLeast,
    IReadOnlyList<int> PriceBands,
    int InStock,
    IReadOnlyDictionary<string, IReadOnlyList<(string Value, int Count)>> Options);

/// <summary>A listing worked out by the listing index: the page's product ids in order, the total and the facets.</summary>
public sealed record IndexedListing(IReadOnlyList<Guid> PageIds, int Total, FacetTallies Tallies);

using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace Shop.Web.Modules.Catalog.Browse;

/// <summary>Links that change one thing about the current listing (a filter, the sort, the page) and keep the rest.</summary>
public sealed class ListingLinks(string basePath, ProductQuery query)
{
    public ProductQuery Query => query;

    /// <summary>Where the listing's forms are sent.</summary>
    public string Path => basePath;

    /// <summary>What the filters form keeps as hidden fields: the words, the category of a search, the sort.</summary>
    public IEnumerable<(string Name, string Value)> FilterFormFields => Fields(new ProductQuery { Q = query.Q, Category = query.Category, Sort = query.Sort });

    /// <summary>What the sort form keeps as hidden fields: the words and every filter.</summary>
    public IEnumerable<(string Name, string Value)> SortFormFields => Fields(query with { Sort = null, Page = null });

    public string Page(int page) => Build(query with { Page = page });

    public string Sort(string sort) => Build(query with { Sort = sort, Page = null });

    public string ToggleBrand(string brand) => Build(query with { Brand = Toggle(query.Brand, brand), Page = null });

    public string ToggleSeller(Guid seller) => Build(query with { Seller = Toggle(query.Seller, seller), Page = null });

    public string ToggleOption(string option) => Build(query with { Option = Toggle(query.Option, option), Page = null });

    public string WithoutRating() => Build(query with { Rating = null, Page = null });

    public string WithoutInStock() => Build(query with { InStock = null, Page = null });

    public string WithoutPrice() => Build(query with { MinPrice = null, MaxPrice = null, Page = null });

    public string Category(string slug) => Build(query with { Category = slug, Page = null }, $"/c/{slug}");

    public string ClearFilters() => Build(new ProductQuery { Q = query.Q, Category = basePath.StartsWith("/c/", StringComparison.Ordinal) ? null : query.Category, Sort = query.Sort });

    /// <summary>Filters in force, as a shopper counts them: the price range once, each brand, seller and option, the rating, in stock.</summary>
    public int ActiveFilters => (query.MinPrice is not null || query.MaxPrice is not null ? 1 : 0) + (query.Brand?.Length ?? 0) + (query.Seller?.Length ?? 0)
        + (query.Option?.Length ?? 0) + (query.Rating is not null ? 1 : 0) + (query.InStock == true ? 1 : 0);

    public bool HasFilters => ActiveFilters > 0;

    private string Build(ProductQuery q, string? path = null) =>
        QueryHelpers.AddQueryString(path ?? basePath, Fields(q, path).Select(f => KeyValuePair.Create(f.Name, (string?)f.Value)));

    private IEnumerable<(string Name, string Value)> Fields(ProductQuery q, string? path = null)
    {
        var values = new Dictionary<string, StringValues>();
        void Put(string key, string? value) { if (!string.IsNullOrEmpty(value)) values[key] = value; }
        Put("q", q.Q);
        if (!(path ?? basePath).StartsWith("/c/", StringComparison.Ordinal))
            Put("category", q.Category);
        Put("minPrice", q.MinPrice?.ToString(CultureInfo.InvariantCulture));
        Put("maxPrice", q.MaxPrice?.ToString(CultureInfo.InvariantCulture));
        if (q.Brand is { Length: > 0 }) values["brand"] = q.Brand;
        if (q.Seller is { Length: > 0 }) values["seller"] = q.Seller.Select(s => s.ToString()).ToArray();
        Put("rating", q.Rating?.ToString(CultureInfo.InvariantCulture));
        Put("inStock", q.InStock == true ? "true" : null);
        if (q.Option is { Length: > 0 }) values["option"] = q.Option;
        Put("sort", q.Sort);
        Put("page", q.Page is > 1 ? q.Page.Value.ToString(CultureInfo.InvariantCulture) : null);
        Put("pageSize", q.PageSize?.ToString(CultureInfo.InvariantCulture));
        return values.SelectMany(v => v.Value.Select(x => (v.Key, x ?? "")));
    }

    private static T[]? Toggle<T>(T[]? values, T value)
    {
        var list = (values ?? []).ToList();
        if (!list.Remove(value))
            list.Add(value);
        return list.Count == 0 ? null : list.ToArray();
    }
}

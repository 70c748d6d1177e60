using System.Globalization;

namespace Shop.Web.Modules.Catalog.Browse;

/// <summary>Reads a listing page's query string into a <see cref="ProductQuery"/>, ignoring values that make no sense.</summary>
internal static class ListingQuery
{
    public static ProductQuery From(IQueryCollection query, string? category = null)
    {
        static decimal? Decimal(string? value) => decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) && d >= 0 ? d : null;
        static int? Int(string? value, int min, int max) => int.TryParse(value, out var i) && i >= min && i <= max ? i : null;
        var sort = query["sort"].ToString();
        return new ProductQuery
        {
            Q = Trimmed(query["q"], 200),
            Category = category ?? Trimmed(query["category"], 120),
            MinPrice = Decimal(query["minPrice"]),
            MaxPrice = Decimal(query["maxPrice"]),
            Brand = query["brand"].Where(b => !string.IsNullOrWhiteSpace(b)).Select(b => b!).ToArray() is { Length: > 0 } brands ? brands : null,
            Seller = query["seller"].Select(s => Guid.TryParse(s, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).ToArray() is { Length: > 0 } sellers ? sellers : null,
            Rating = Int(query["rating"], 1, 5),
            InStock = query["inStock"] == "true" ? true : null,
            Option = query["option"].Where(o => o?.Contains(':') == true).Select(o => o!).ToArray() is { Length: > 0 } options ? options : null,
            Sort = ProductSort.All.Any(s => s.Value == sort) ? sort : null,
            Page = Int(query["page"], 1, 100_000),
        };
    }

    private static string? Trimmed(string? value, int max) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Trim() is var v && v.Length > max ? v[..max] : value.Trim();
}

using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Shop.Web.Modules.Catalog.Browse;

/// <summary>
/// Reads a listing page's query string into a <see cref="ProductQuery"/>, ignoring values that make no
/// sense; a typed price range that was not usable as it stood comes with a note, in the reader's language, saying what was done.
/// </summary>
internal static class ListingQuery
{
    public static (ProductQuery Query, string? PriceNote) From(IQueryCollection query, IStringLocalizer texts, string? category = null)
    {
        static int? Int(string? value, int min, int max) => int.TryParse(value, out var i) && i >= min && i <= max ? i : null;
        var sort = query["sort"].ToString();
        var (minPrice, maxPrice, priceNote) = PriceRange(query["minPrice"], query["maxPrice"], texts);
        return (new ProductQuery
        {
            Q = Trimmed(query["q"], 200),
            Category = category ?? Trimmed(query["category"], 120),
            MinPrice = minPrice,
            MaxPrice = maxPrice,
            Brand = query["brand"].Where(b => !string.IsNullOrWhiteSpace(b)).Select(b => b!).ToArray() is { Length: > 0 } brands ? brands : null,
            Seller = query["seller"].Select(s => Guid.TryParse(s, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).ToArray() is { Length: > 0 } sellers ? sellers : null,
            Rating = Int(query["rating"], 1, 4),
            InStock = query["inStock"] == "true" ? true : null,
            Option = query["option"].Where(o => o?.Contains(':') == true).Select(o => o!).ToArray() is { Length: > 0 } options ? options : null,
            Sort = ProductSort.All.Any(s => s.Value == sort) ? sort : null,
            Page = Int(query["page"], 1, 100_000),
        }, priceNote);
    }

    /// <summary>
    /// The lowest and highest price asked for. A value that is not a price of 0 or more is left out,
    /// and a range typed the wrong way round is turned round; either way the note says so.
    /// </summary>
    private static (decimal? Min, decimal? Max, string? Note) PriceRange(string? minText, string? maxText, IStringLocalizer texts)
    {
        var (min, minNote) = Price(minText, texts["The lowest price “{0}” is not an amount we can search by, so it was left out.", Trimmed(minText, 20) ?? ""],
            texts["The lowest price cannot be below zero, so it was left out."]);
        var (max, maxNote) = Price(maxText, texts["The highest price “{0}” is not an amount we can search by, so it was left out.", Trimmed(maxText, 20) ?? ""],
            texts["The highest price cannot be below zero, so it was left out."]);
        if (min > max)
            return (max, min, texts["The lowest price was above the highest, so they were swapped."]);
        return (min, max, minNote ?? maxNote);
    }

    private static (decimal? Price, string? Note) Price(string? text, string notAnAmount, string belowZero)
    {
        if (string.IsNullOrWhiteSpace(text))
            return (null, null);
        if (!decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var price) || price > ProductQuery.HighestPrice)
            return (null, notAnAmount);
        if (price < 0)
            return (null, belowZero);
        return (price, null);
    }

    private static string? Trimmed(string? value, int max) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Trim() is var v && v.Length > max ? v[..max] : value.Trim();
}

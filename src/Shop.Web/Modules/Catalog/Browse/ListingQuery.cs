using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Primitives;
using Shop.Web.Platform.Localization;

namespace Shop.Web.Modules.Catalog.Browse;

/// <summary>
/// A listing's query string read into a <see cref="ProductQuery"/>: the one reading the API and the listing pages share.
/// A value that makes no sense is left out of the query and refused with a message in the reader's language, under
/// its parameter's name; the API answers the refusals with a 400, the pages show them above the listing.
/// An empty value (a form's blank field) means no filter.
/// </summary>
public sealed record ListingQuery(ProductQuery Query, IReadOnlyDictionary<string, string[]> Errors)
{
    private const int MaxWords = 200;
    private const int MaxCategory = 120;

    public bool IsValid => Errors.Count == 0;

    public static ListingQuery Parse(IQueryCollection values, IStringLocalizer<Strings> texts)
    {
        var errors = new Dictionary<string, string[]>();
        string? Text(string name, int max, string tooLong)
        {
            var text = Given(values[name]);
            if (text is null || text.Length <= max)
                return text;
            errors[name] = [tooLong];
            return null;
        }
        decimal? Price(string name, string refusal)
        {
            var text = Given(values[name]);
            if (text is null)
                return null;
            if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var price) && price is >= 0 and <= ProductQuery.HighestPrice)
                return price;
            errors[name] = [refusal];
            return null;
        }
        int? Whole(string name, int min, int max, string refusal)
        {
            var text = Given(values[name]);
            if (text is null)
                return null;
            if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max)
                return number;
            errors[name] = [refusal];
            return null;
        }
        T[]? Each<T>(string name, Func<string, (bool Ok, T Value)> read, string refusal)
        {
            var parsed = All(values[name]).Select(read).ToList();
            if (parsed.Any(p => !p.Ok))
                errors[name] = [refusal];
            return parsed.Where(p => p.Ok).Select(p => p.Value).ToArray() is { Length: > 0 } chosen ? chosen : null;
        }

        var minPrice = Price("minPrice", texts["The lowest price must be an amount from 0 to 100,000,000."]);
        var maxPrice = Price("maxPrice", texts["The highest price must be an amount from 0 to 100,000,000."]);
        if (minPrice > maxPrice)
        {
            errors["maxPrice"] = [texts["The highest price cannot be below the lowest."]];
            (minPrice, maxPrice) = (null, null);
        }
        var sort = Given(values["sort"]);
        if (sort is not null && !ProductSort.All.Any(s => s.Value == sort))
        {
            errors["sort"] = [texts["Sort by one of: {0}.", string.Join(", ", ProductSort.All.Select(s => s.Value))]];
            sort = null;
        }
        var inStock = Given(values["inStock"]);
        if (inStock is not null && !bool.TryParse(inStock, out _))
            errors["inStock"] = [texts["In stock must be true or false."]];
        var query = new ProductQuery
        {
            Q = Text("q", MaxWords, texts["Search words can be at most {0} characters long.", MaxWords]),
            Category = Text("category", MaxCategory, texts["A category's name in the address can be at most {0} characters long.", MaxCategory]),
            MinPrice = minPrice,
            MaxPrice = maxPrice,
            Brand = All(values["brand"]) is { Length: > 0 } brands ? brands : null,
            Seller = Each("seller", seller => (Guid.TryParse(seller, out var id), id), texts["A seller is named by its id."]),
            Option = Each("option", option => (option.Split(':', 2) is [var name, var value] && name.Trim().Length > 0 && value.Trim().Length > 0, option),
                texts["An option is a name and a value, such as colour:Blue."]),
            Rating = Whole("rating", 1, 5, texts["The rating must be a whole number from 1 to 5."]),
            InStock = bool.TryParse(inStock, out var only) ? only : null,
            Sort = sort,
            Page = Whole("page", 1, 100_000, texts["The page must be a whole number from 1 to 100,000."]),
            PageSize = Whole("pageSize", 1, 100, texts["The page size must be a whole number from 1 to 100."]),
        };
        return new ListingQuery(query, errors);
    }

    private static string? Given(StringValues value) => string.IsNullOrWhiteSpace(value) ? null : value.ToString().Trim();

    private static string[] All(StringValues values) => values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).ToArray();
}

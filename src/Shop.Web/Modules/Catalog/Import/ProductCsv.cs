using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Shop.Web.Modules.Catalog.Import;

/// <summary>
/// One CSV row: one variant. Rows with the same handle are one product; the product's own columns
/// are read from its first row. Options and details are "name=value; name=value".
/// </summary>
public sealed class ProductCsvRow
{
    public string Handle { get; set; } = "";
    public string? Title { get; set; }
    public string? Brand { get; set; }
    public string? Category { get; set; }
    public string? Status { get; set; }
    public string? Description { get; set; }
    public string? Details { get; set; }
    public string Sku { get; set; } = "";
    public string? Options { get; set; }
    public string? Price { get; set; }
    public string? CompareAtPrice { get; set; }
    public string? WeightGrams { get; set; }
    public string? Stock { get; set; }
    public string? LowStockThreshold { get; set; }
}

/// <summary>The CSV's column names, as sellers see them in a spreadsheet.</summary>
internal sealed class ProductCsvRowMap : ClassMap<ProductCsvRow>
{
    public ProductCsvRowMap()
    {
        Map(r => r.Handle).Name("handle");
        Map(r => r.Title).Name("title");
        Map(r => r.Brand).Name("brand");
        Map(r => r.Category).Name("category");
        Map(r => r.Status).Name("status");
        Map(r => r.Description).Name("description");
        Map(r => r.Details).Name("details");
        Map(r => r.Sku).Name("sku");
        Map(r => r.Options).Name("options");
        Map(r => r.Price).Name("price");
        Map(r => r.CompareAtPrice).Name("compare_at_price");
        Map(r => r.WeightGrams).Name("weight_grams");
        Map(r => r.Stock).Name("stock");
        Map(r => r.LowStockThreshold).Name("low_stock_threshold");
    }
}

public static class ProductCsv
{
    public static readonly string[] Columns =
        ["handle", "title", "brand", "category", "status", "description", "details", "sku", "options", "price", "compare_at_price", "weight_grams", "stock", "low_stock_threshold"];

    private static CsvConfiguration Configuration => new(CultureInfo.InvariantCulture)
    {
        MissingFieldFound = null,
        HeaderValidated = null,
        PrepareHeaderForMatch = args => args.Header.Trim().ToLowerInvariant(),
        TrimOptions = TrimOptions.Trim,
    };

    /// <summary>Reads rows with their line numbers; a header that lacks required columns is refused up front.</summary>
    public static IReadOnlyList<(int Line, ProductCsvRow Row)> Read(string content)
    {
        using var reader = new StringReader(content);
        using var csv = new CsvReader(reader, Configuration);
        csv.Context.RegisterClassMap<ProductCsvRowMap>();
        if (!csv.Read() || !csv.ReadHeader())
            throw new FormatException("The file is empty.");
        var missing = new[] { "handle", "sku", "price" }.Where(c => !csv.HeaderRecord!.Any(h => h.Trim().Equals(c, StringComparison.OrdinalIgnoreCase))).ToList();
        if (missing.Count > 0)
            throw new FormatException($"The header is missing the column(s) {string.Join(", ", missing)}. Expected: {string.Join(",", Columns)}.");
        var rows = new List<(int, ProductCsvRow)>();
        while (csv.Read())
            rows.Add((csv.Parser.Row, csv.GetRecord<ProductCsvRow>()!));
        return rows;
    }

    public static string Pairs(IReadOnlyDictionary<string, string> values) => string.Join("; ", values.Select(v => $"{v.Key}={v.Value}"));

    public static Dictionary<string, string> ParsePairs(string? text)
    {
        var pairs = new Dictionary<string, string>();
        foreach (var part in (text ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var split = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (split.Length != 2 || split[0].Length == 0 || split[1].Length == 0)
                throw new FormatException($"“{part}” should be written as name=value.");
            pairs[split[0]] = split[1];
        }
        return pairs;
    }
}

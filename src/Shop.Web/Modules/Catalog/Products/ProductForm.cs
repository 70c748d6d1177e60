using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Shop.Web.Modules.Catalog.Data;
using Shop.Web.Platform.Errors;

namespace Shop.Web.Modules.Catalog.Products;

/// <summary>
/// The product form as a seller fills it in a browser: option values as "size=M, colour=Blue",
/// attributes one "Name: value" per line, blank variant rows ignored. Converts to the same
/// <see cref="ProductRequest"/> the API takes.
/// </summary>
public sealed class ProductForm
{
    public const int BlankVariantRows = 3;

    private const string Hindi = "hi";

    [Required, MaxLength(200)]
    public string Title { get; set; } = "";

    [Required, MaxLength(100)]
    public string Brand { get; set; } = "";

    [Required(ErrorMessage = "Choose a category.")]
    public Guid? CategoryId { get; set; }

    [Required, MaxLength(20000)]
    public string Description { get; set; } = "";

    /// <summary>The title in Hindi; left empty, Hindi pages show the English one.</summary>
    [MaxLength(200)]
    public string? HindiTitle { get; set; }

    [MaxLength(20000)]
    public string? HindiDescription { get; set; }

    [MaxLength(4000)]
    public string? Attributes { get; set; }

    public ProductStatus Status { get; set; } = ProductStatus.Draft;

    public List<VariantRow> Variants { get; set; } = [];

    public List<string> ImageHashes { get; set; } = [];

    public sealed class VariantRow
    {
        public Guid? Id { get; set; }
        public string? Sku { get; set; }
        public string? Options { get; set; }
        public string? Price { get; set; }
        public string? CompareAtPrice { get; set; }
        public string? WeightGrams { get; set; }
        public string? Stock { get; set; }

        public bool IsBlank => Id is null && string.IsNullOrWhiteSpace(Sku) && string.IsNullOrWhiteSpace(Price) && string.IsNullOrWhiteSpace(Options);
    }

    public static ProductForm From(ManagedProduct product) => new()
    {
        Title = product.Title,
        Brand = product.Brand,
        CategoryId = product.CategoryId,
        Description = product.Description,
        HindiTitle = product.Translations.GetValueOrDefault(Hindi)?.Title,
        HindiDescription = product.Translations.GetValueOrDefault(Hindi)?.Description,
        Attributes = string.Join("\n", product.Attributes.Select(a => $"{a.Key}: {a.Value}")),
        Status = product.Status == ProductStatus.Archived ? ProductStatus.Draft : product.Status,
        Variants = product.Variants.Select(v => new VariantRow
        {
            Id = v.Id, Sku = v.Sku, Options = string.Join(", ", v.Options.Select(o => $"{o.Key}={o.Value}")),
            Price = v.Price.ToString("0.00", CultureInfo.InvariantCulture), CompareAtPrice = v.CompareAtPrice?.ToString("0.00", CultureInfo.InvariantCulture),
            WeightGrams = v.WeightGrams.ToString(CultureInfo.InvariantCulture),
        }).ToList(),
        ImageHashes = product.Images.Select(i => i.Hash).ToList(),
    };

    /// <summary>Adds empty variant rows to fill in; also repairs lists a form post left out.</summary>
    public ProductForm WithBlankRows()
    {
        // Form binding leaves collections that had no fields in the post as null.
        Variants ??= [];
        ImageHashes ??= [];
        while (Variants.Count(v => v.IsBlank) < BlankVariantRows)
            Variants.Add(new VariantRow());
        return this;
    }

    public ProductRequest ToRequest()
    {
        var variants = new List<VariantRequest>();
        foreach (var (row, number) in Variants.Select((r, i) => (r, i + 1)).Where(r => !r.r.IsBlank))
        {
            var name = string.IsNullOrWhiteSpace(row.Sku) ? $"Variant {number}" : row.Sku.Trim();
            if (string.IsNullOrWhiteSpace(row.Sku))
                throw Invalid($"{name}: enter a SKU.");
            variants.Add(new VariantRequest
            {
                Id = row.Id,
                Sku = row.Sku.Trim(),
                Options = ParsePairs(row.Options, ',', '=', name, nameof(Variants)),
                Price = ParseDecimal(row.Price, name, "price") ?? throw Invalid($"{name}: enter a price."),
                CompareAtPrice = ParseDecimal(row.CompareAtPrice, name, "compare-at price"),
                WeightGrams = (int)(ParseDecimal(row.WeightGrams, name, "weight") ?? 0),
                Stock = (int)(ParseDecimal(row.Stock, name, "stock") ?? 0),
            });
        }
        if (variants.Count == 0)
            throw Invalid("Add at least one variant with a SKU and a price.");
        return new ProductRequest
        {
            Title = Title, Brand = Brand, CategoryId = CategoryId, Description = Description, Status = Status,
            Attributes = ParsePairs(Attributes, '\n', ':', "Attributes", nameof(Attributes)),
            Translations = new() { [Hindi] = new ProductTextRequest { Title = HindiTitle ?? "", Description = HindiDescription ?? "" } },
            Variants = variants,
            Images = ImageHashes.Select(h => new ImageRequest { Hash = h }).ToList(),
        };
    }

    private static Dictionary<string, string> ParsePairs(string? text, char separator, char assign, string owner, string field)
    {
        var pairs = new Dictionary<string, string>();
        foreach (var part in (text ?? "").Split(separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var split = part.Split(assign, 2, StringSplitOptions.TrimEntries);
            if (split.Length != 2 || split[0].Length == 0 || split[1].Length == 0)
                throw new InputValidationException(field, $"{owner}: write “{part}” as name{assign}value.");
            pairs[split[0]] = split[1];
        }
        return pairs;
    }

    private static decimal? ParseDecimal(string? text, string owner, string what)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        return decimal.TryParse(text.Replace(",", "").Replace("₹", "").Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? value
            : throw Invalid($"{owner}: the {what} “{text}” is not a number.");
    }

    private static InputValidationException Invalid(string message) => new(nameof(Variants), message);
}

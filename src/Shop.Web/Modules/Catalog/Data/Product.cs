using NpgsqlTypes;
using Shop.Web.Platform.Errors;

namespace Shop.Web.Modules.Catalog.Data;

public enum ProductStatus
{
    Draft,
    Active,
    Archived,
}

/// <summary>
/// A product a seller lists, with one or more variants. Listing fields (price range, primary image,
/// category names for search) are derived here from the variants and images whenever they change.
/// </summary>
/// <summary>A product's words in one more language; an empty field falls back to the default language.</summary>
public sealed class ProductText
{
    public string Title { get; set; } = "";
    public string Description { get; set; } = "";
}

public sealed class Product
{
    private Product() { }

    public Guid Id { get; private set; }
    public Guid SellerId { get; private set; }
    public Guid CategoryId { get; private set; }
    public string Title { get; private set; } = "";
    public string Slug { get; private set; } = "";
    public string Brand { get; private set; } = "";
    public string Description { get; private set; } = "";
    public Dictionary<string, string> Attributes { get; private set; } = [];

    /// <summary>Title and description in other languages, by language code ("hi"); what is missing shows in the default language.</summary>
    public Dictionary<string, ProductText> Translations { get; private set; } = [];
    public ProductStatus Status { get; private set; }
    public string Currency { get; private set; } = "INR";
    public decimal MinPrice { get; private set; }
    public decimal MaxPrice { get; private set; }
    public bool InStock { get; internal set; }
    public decimal RatingAverage { get; private set; }
    public int RatingCount { get; private set; }
    public int SoldCount { get; private set; }
    public string? PrimaryImage { get; private set; }
    public string CategoryNames { get; private set; } = "";
    public string CategoryPath { get; private set; } = "";
    public string[] OptionValues { get; private set; } = [];
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public NpgsqlTsVector SearchVector { get; private set; } = null!;
    public List<Variant> Variants { get; private set; } = [];
    public List<ProductImage> Images { get; private set; } = [];

    public static Product Create(Guid sellerId, string currency, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        SellerId = sellerId,
        Currency = currency,
        Status = ProductStatus.Draft,
        CreatedAt = now,
        UpdatedAt = now,
    };

    public void Describe(string title, string slug, string brand, string description, Guid categoryId, string categoryNames, string categoryPath,
        IReadOnlyDictionary<string, string> attributes, IReadOnlyDictionary<string, ProductText> translations, DateTimeOffset now)
    {
        CategoryPath = categoryPath;
        Title = title.Trim();
        Slug = slug;
        Brand = brand.Trim();
        Description = description.Trim();
        CategoryId = categoryId;
        CategoryNames = categoryNames;
        Attributes = attributes.ToDictionary(a => a.Key.Trim(), a => a.Value.Trim());
        Translations = translations.ToDictionary(t => t.Key, t => new ProductText { Title = t.Value.Title.Trim(), Description = t.Value.Description.Trim() });
        UpdatedAt = now;
    }

    public void SetStatus(ProductStatus status, DateTimeOffset now)
    {
        if (status == ProductStatus.Active && Variants.Count == 0)
            throw new RuleViolationException("product.no_variants", "A product needs at least one variant before it can be published.");
        Status = status;
        UpdatedAt = now;
    }

    /// <summary>Replaces the variants: kept ones (matched by id) are updated, missing ones removed, new ones added.</summary>
    public void SetVariants(IReadOnlyList<VariantSpec> specs, DateTimeOffset now)
    {
        if (specs.Count == 0)
            throw new InputValidationException("Variants", "A product needs at least one variant.");
        var duplicates = specs.GroupBy(s => OptionKey(s.Options)).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
            throw new InputValidationException("Variants", $"Two variants have the same options ({string.Join("; ", duplicates)}). Each combination of options can exist once.");
        var skus = specs.GroupBy(s => s.Sku.Trim(), StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (skus.Count > 0)
            throw new InputValidationException("Variants", $"SKU {string.Join(", ", skus)} is used twice.");

        Variants.RemoveAll(v => specs.All(s => s.Id != v.Id));
        for (var position = 0; position < specs.Count; position++)
        {
            var spec = specs[position];
            var variant = Variants.FirstOrDefault(v => v.Id == spec.Id && spec.Id != null);
            if (variant is null)
            {
                variant = Variant.Create(Id, now);
                Variants.Add(variant);
            }
            variant.Update(spec, position);
        }
        OptionValues = OptionValuesOf(Variants.Select(v => (IReadOnlyDictionary<string, string>)v.Options));
        MinPrice = Variants.Min(v => v.Price);
        MaxPrice = Variants.Max(v => v.Price);
        UpdatedAt = now;
    }

    public void SetImages(IReadOnlyList<(string Hash, string? AltText)> images, DateTimeOffset now)
    {
        Images.Clear();
        for (var position = 0; position < images.Count; position++)
            Images.Add(ProductImage.Create(Id, images[position].Hash, images[position].AltText, position, now));
        PrimaryImage = images.Count > 0 ? images[0].Hash : null;
        UpdatedAt = now;
    }

    /// <summary>The distinct "name:value" pairs of the variants' options, as listings filter and count them.</summary>
    public static string[] OptionValuesOf(IEnumerable<IReadOnlyDictionary<string, string>> options) =>
        options.SelectMany(o => o).Select(o => $"{o.Key}:{o.Value}").Distinct().Order(StringComparer.Ordinal).ToArray();

    internal static string OptionKey(IReadOnlyDictionary<string, string> options) =>
        options.Count == 0 ? "(default)" : string.Join(", ", options.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key}: {o.Value}"));
}

/// <summary>What a seller says about one variant; <see cref="Id"/> is null for a new one.</summary>
public sealed record VariantSpec(Guid? Id, string Sku, IReadOnlyDictionary<string, string> Options, decimal Price, decimal? CompareAtPrice, int WeightGrams);

public sealed class Variant
{
    private Variant() { }

    public Guid Id { get; private set; }
    public Guid ProductId { get; private set; }
    public string Sku { get; private set; } = "";
    public Dictionary<string, string> Options { get; private set; } = [];
    public decimal Price { get; private set; }
    public decimal? CompareAtPrice { get; private set; }
    public int WeightGrams { get; private set; }
    public int Position { get; private set; }

    internal static Variant Create(Guid productId, DateTimeOffset now) => new() { Id = Guid.CreateVersion7(now), ProductId = productId };

    internal void Update(VariantSpec spec, int position)
    {
        if (spec.Price <= 0)
            throw new InputValidationException("Variants", $"The price of {spec.Sku} must be more than zero.");
        if (spec.CompareAtPrice is { } compareAt && compareAt <= spec.Price)
            throw new InputValidationException("Variants", $"The compare-at price of {spec.Sku} must be higher than its price.");
        Sku = spec.Sku.Trim();
        Options = spec.Options.ToDictionary(o => o.Key.Trim().ToLowerInvariant(), o => o.Value.Trim());
        Price = decimal.Round(spec.Price, 2, MidpointRounding.AwayFromZero);
        CompareAtPrice = spec.CompareAtPrice is null ? null : decimal.Round(spec.CompareAtPrice.Value, 2, MidpointRounding.AwayFromZero);
        WeightGrams = spec.WeightGrams;
        Position = position;
    }

    public string Label => Product.OptionKey(Options);
}

public sealed class ProductImage
{
    public const int MaxAltText = 200;

    private ProductImage() { }

    public Guid Id { get; private set; }
    public Guid ProductId { get; private set; }
    public string MediaHash { get; private set; } = "";
    public string? AltText { get; private set; }
    public int Position { get; private set; }

    internal static ProductImage Create(Guid productId, string hash, string? altText, int position, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now), ProductId = productId, MediaHash = hash, AltText = altText?.Trim(), Position = position,
    };
}

using System.ComponentModel.DataAnnotations;
using Shop.Web.Modules.Catalog.Data;

namespace Shop.Web.Modules.Catalog.Products;

public sealed class ProductRequest
{
    [Required, MaxLength(200)]
    public string Title { get; set; } = "";

    /// <summary>Left empty, it is made from the title.</summary>
    [MaxLength(220), RegularExpression("^[a-z0-9]+(-[a-z0-9]+)*$", ErrorMessage = "Use lowercase letters, digits and single dashes.")]
    public string? Slug { get; set; }

    [Required, MaxLength(100)]
    public string Brand { get; set; } = "";

    /// <summary>Markdown; raw HTML is not rendered.</summary>
    [Required, MaxLength(20000)]
    public string Description { get; set; } = "";

    [Required]
    public Guid? CategoryId { get; set; }

    /// <summary>Facts such as material or care, shown as a table.</summary>
    public Dictionary<string, string> Attributes { get; set; } = [];

    /// <summary>Title and description in the shop's other languages, by language code ("hi"); either may be left empty.</summary>
    public Dictionary<string, ProductTextRequest> Translations { get; set; } = [];

    [Required, MinLength(1, ErrorMessage = "A product needs at least one variant."), MaxLength(100)]
    public List<VariantRequest> Variants { get; set; } = [];

    [MaxLength(12)]
    public List<ImageRequest> Images { get; set; } = [];

    /// <summary>draft (hidden) or active (on sale); archive with the archive call.</summary>
    [AllowedValues(ProductStatus.Draft, ProductStatus.Active)]
    public ProductStatus Status { get; set; } = ProductStatus.Draft;
}

public sealed class ProductTextRequest
{
    [MaxLength(200)]
    public string Title { get; set; } = "";

    [MaxLength(20000)]
    public string Description { get; set; } = "";
}

public sealed class VariantRequest
{
    /// <summary>Set to keep an existing variant (and its stock); leave empty for a new one.</summary>
    public Guid? Id { get; set; }

    [Required, MaxLength(64), RegularExpression("^[A-Za-z0-9][A-Za-z0-9._-]*$", ErrorMessage = "Use letters, digits, dots, dashes and underscores.")]
    public string Sku { get; set; } = "";

    /// <summary>Option values such as size and colour; empty for a product without options.</summary>
    public Dictionary<string, string> Options { get; set; } = [];

    [Range(typeof(decimal), "0.01", "10000000")]
    public decimal Price { get; set; }

    [Range(typeof(decimal), "0.01", "10000000")]
    public decimal? CompareAtPrice { get; set; }

    [Range(0, 1_000_000)]
    public int WeightGrams { get; set; }

    /// <summary>Units on hand when the variant is created; later changes go through stock adjustments.</summary>
    [Range(0, 1_000_000)]
    public int Stock { get; set; }

    [Range(0, 100_000)]
    public int LowStockThreshold { get; set; } = 5;
}

public sealed class ImageRequest
{
    [Required, RegularExpression("^[0-9a-f]{64}$", ErrorMessage = "Use the hash of an uploaded image.")]
    public string Hash { get; set; } = "";

    [MaxLength(ProductImage.MaxAltText)]
    public string? AltText { get; set; }
}

using Shop.Web.Modules.Catalog.Data;
using Shop.Web.Platform.Media;

namespace Shop.Web.Modules.Catalog.Products;

public sealed record VariantView(
    Guid Id, string Sku, IReadOnlyDictionary<string, string> Options, decimal Price, decimal? CompareAtPrice, int WeightGrams,
    int Available, int OnHand, int Reserved, int LowStockThreshold)
{
    public bool InStock => Available > 0;
}

public sealed record ImageView(string Hash, string Url, string? AltText);

/// <summary>A product as its seller or an admin manages it (drafts included).</summary>
public sealed record ManagedProduct(
    Guid Id, Guid SellerId, string Title, string Slug, string Brand, string Description, Guid CategoryId, ProductStatus Status,
    IReadOnlyDictionary<string, string> Attributes, string Currency, decimal MinPrice, decimal MaxPrice, bool InStock,
    IReadOnlyList<VariantView> Variants, IReadOnlyList<ImageView> Images, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    IReadOnlyDictionary<string, ProductText> Translations);

public sealed record ProductSummary(
    Guid Id, string Title, string Slug, string Brand, ProductStatus Status, string Currency, decimal MinPrice, decimal MaxPrice,
    bool InStock, string? ImageUrl, int VariantCount, DateTimeOffset UpdatedAt);

internal static class ProductViewMapping
{
    public static ImageView View(this ProductImage image) => new(image.MediaHash, MediaFile.UrlOf(image.MediaHash), image.AltText);
}

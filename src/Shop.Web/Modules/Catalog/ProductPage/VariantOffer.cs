using System.Text.RegularExpressions;
using Shop.Web.Modules.Catalog.Products;
using Shop.Web.Modules.Storefront.Contracts;

namespace Shop.Web.Modules.Catalog.ProductPage;

/// <summary>
/// What the buy box shows for one variant. The page renders the chosen one and hands all of them to
/// variant-picker.js, which shows another as soon as a shopper picks it, in the same words.
/// </summary>
public sealed record VariantOffer(
    Guid Id, string Sku, IReadOnlyDictionary<string, string> Options, string Price, string? CompareAtPrice, string? Saving,
    string Stock, string StockClass, int Available, string? Image, string? ImageAlt)
{
    public const string NotOffered = "Not available in this combination";

    public static IReadOnlyList<VariantOffer> All(ProductDetail product, Money money) =>
        product.Variants.Select(v => Of(product, v, money)).ToList();

    public static VariantOffer Of(ProductDetail product, PublicVariant variant, Money money)
    {
        var picture = PictureOf(product, variant);
        return new VariantOffer(variant.Id, variant.Sku, variant.Options, money.Show(variant.Price),
            variant.CompareAtPrice is { } compareAt ? money.Show(compareAt) : null,
            variant.CompareAtPrice is { } was && was > variant.Price ? $"{Math.Round((1 - variant.Price / was) * 100)}% off" : null,
            StockText(variant), $"stock-{variant.Stock.ToString().ToLowerInvariant()}", variant.Available,
            picture?.Url, picture is null ? null : picture.AltText ?? product.Title);
    }

    public static string StockText(PublicVariant variant) => variant.Stock switch
    {
        StockState.OutOfStock => "Out of stock",
        StockState.LowStock => $"Only {variant.Available} left",
        _ => "In stock",
    };

    /// <summary>
    /// Pictures belong to the product; a variant's picture is the first whose description names one of
    /// its option values ("Rust kurta, front"), else the product's first picture.
    /// </summary>
    private static ImageView? PictureOf(ProductDetail product, PublicVariant variant) =>
        product.Images.FirstOrDefault(i => i.AltText is { } alt && variant.Options.Values.Any(value =>
            Regex.IsMatch(alt, $@"\b{Regex.Escape(value)}\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)))
        ?? product.Images.FirstOrDefault();

    /// <summary>
    /// Whether choosing <paramref name="value"/> for <paramref name="option"/>, keeping the other options of
    /// <paramref name="chosen"/>, gives a variant that can be bought.
    /// </summary>
    public static bool CanBuy(ProductDetail product, PublicVariant chosen, string option, string value) =>
        product.Variants.Any(v => v.Available > 0 && v.Options.GetValueOrDefault(option) == value
            && chosen.Options.Where(o => o.Key != option).All(o => v.Options.GetValueOrDefault(o.Key) == o.Value));
}

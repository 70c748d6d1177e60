using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;
using Shop.Web.Modules.Catalog.Products;
using Shop.Web.Modules.Currencies.Contracts;
using Shop.Web.Platform.Storefront;

namespace Shop.Web.Modules.Catalog.ProductPage;

/// <summary>
/// What the buy box shows for one variant. The page renders the chosen one and hands all of them to
/// variant-picker.js, which shows another as soon as a shopper picks it, in the same words.
/// </summary>
public sealed record VariantOffer(
    Guid Id, string Sku, IReadOnlyDictionary<string, string> Options, string Price, string? CompareAtPrice, string? Saving,
    string Stock, string StockClass, int Available, int Picture, string? Estimate)
{
    public const string NotOffered = "Not available in this combination";

    /// <param name="display">The shopper's display currency, for the price's estimate in it; null for none.</param>
    public static IReadOnlyList<VariantOffer> All(ProductDetail product, Money money, DisplayCurrency? display, IStringLocalizer texts) =>
        product.Variants.Select(v => Of(product, v, money, display, texts)).ToList();

    public static VariantOffer Of(ProductDetail product, PublicVariant variant, Money money, DisplayCurrency? display, IStringLocalizer texts)
    {
        return new VariantOffer(variant.Id, variant.Sku, variant.Options, money.Show(variant.Price),
            variant.CompareAtPrice is { } compareAt ? money.Show(compareAt) : null,
            variant.CompareAtPrice is { } was && was > variant.Price ? texts["{0}% off", Math.Round((1 - variant.Price / was) * 100)].Value : null,
            StockText(variant, texts), $"stock-{variant.Stock.ToString().ToLowerInvariant()}", variant.Available, PictureOf(product, variant),
            display?.Estimate(variant.Price));
    }

    public static string StockText(PublicVariant variant, IStringLocalizer texts) => variant.Stock switch
    {
        StockState.OutOfStock => texts["Out of stock"],
        StockState.LowStock => texts["Only {0} left", variant.Available],
        _ => texts["In stock"],
    };

    /// <summary>
    /// Where in the product's gallery the variant's picture is: pictures belong to the product, and a variant's
    /// is the first whose description names one of its option values ("Rust kurta, front"), else the first.
    /// </summary>
    public static int PictureOf(ProductDetail product, PublicVariant variant) =>
        Math.Max(0, product.Images.ToList().FindIndex(i => i.AltText is { } alt && variant.Options.Values.Any(value =>
            Regex.IsMatch(alt, $@"\b{Regex.Escape(value)}\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant))));

    /// <summary>
    /// Whether choosing <paramref name="value"/> for <paramref name="option"/>, keeping the other options of
    /// <paramref name="chosen"/>, gives a variant that can be bought.
    /// </summary>
    public static bool CanBuy(ProductDetail product, PublicVariant chosen, string option, string value) =>
        product.Variants.Any(v => v.Available > 0 && v.Options.GetValueOrDefault(option) == value
            && chosen.Options.Where(o => o.Key != option).All(o => v.Options.GetValueOrDefault(o.Key) == o.Value));
}

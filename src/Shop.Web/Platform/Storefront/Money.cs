using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Options;
using Shop.Web.Platform.Localization;

namespace Shop.Web.Platform.Storefront;

/// <summary>
/// Formats amounts the way the shop's customers read them (₹1,23,456.00 in en-IN and hi-IN): in the culture of the
/// request (or message) when the shop speaks it, else in the store's configured culture.
/// </summary>
public sealed class Money(IOptions<StorefrontSettings> settings)
{
    private readonly ConcurrentDictionary<string, NumberFormatInfo> formats = new();

    public string Show(decimal amount) => amount.ToString("C", Format());

    /// <summary>The currency's sign (₹), for labels of amount fields.</summary>
    public string Symbol => Format().CurrencySymbol.Trim();

    /// <summary>Whole amounts without paise (₹1,299), as price tags show them.</summary>
    public string Tag(decimal amount) => amount == decimal.Truncate(amount) ? amount.ToString("C0", Format()) : amount.ToString("C", Format());

    private NumberFormatInfo Format()
    {
        var current = CultureInfo.CurrentCulture.Name;
        return formats.GetOrAdd(ShopLanguages.All.Any(l => l.Culture == current) ? current : settings.Value.Culture, Create);
    }

    private NumberFormatInfo Create(string cultureName)
    {
        var culture = CultureInfo.GetCultureInfo(cultureName);
        var format = (NumberFormatInfo)culture.NumberFormat.Clone();
        if (!string.Equals(new RegionInfo(culture.Name).ISOCurrencySymbol, settings.Value.Currency, StringComparison.OrdinalIgnoreCase))
            format.CurrencySymbol = settings.Value.Currency + " ";
        return format;
    }
}

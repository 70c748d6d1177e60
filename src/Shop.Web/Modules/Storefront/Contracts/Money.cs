using System.Globalization;
using Microsoft.Extensions.Options;

namespace Shop.Web.Modules.Storefront.Contracts;

/// <summary>Formats amounts the way the shop's customers read them (₹1,23,456.00 for en-IN).</summary>
public sealed class Money(IOptions<StorefrontSettings> settings)
{
    private readonly NumberFormatInfo format = Format(settings.Value);

    public string Show(decimal amount) => amount.ToString("C", format);

    /// <summary>The currency's sign (₹), for labels of amount fields.</summary>
    public string Symbol => format.CurrencySymbol.Trim();

    /// <summary>Whole amounts without paise (₹1,299), as price tags show them.</summary>
    public string Tag(decimal amount) => amount == decimal.Truncate(amount) ? amount.ToString("C0", format) : amount.ToString("C", format);

    private static NumberFormatInfo Format(StorefrontSettings settings)
    {
        var culture = CultureInfo.GetCultureInfo(settings.Culture);
        var format = (NumberFormatInfo)culture.NumberFormat.Clone();
        if (!string.Equals(new RegionInfo(culture.Name).ISOCurrencySymbol, settings.Currency, StringComparison.OrdinalIgnoreCase))
            format.CurrencySymbol = settings.Currency + " ";
        return format;
    }
}

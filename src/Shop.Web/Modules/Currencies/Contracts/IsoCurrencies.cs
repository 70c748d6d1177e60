using System.Globalization;

namespace Shop.Web.Modules.Currencies.Contracts;

/// <summary>An ISO 4217 currency: its code, name, the sign shoppers know it by, and its minor units (2 for cents, 0 for yen).</summary>
public sealed record IsoCurrency(string Code, string Name, string Sign, int MinorUnits)
{
    /// <summary>An amount of this currency with its sign and minor units, e.g. US$1,234.50.</summary>
    public string Show(decimal amount) => Sign + amount.ToString("N" + MinorUnits, CultureInfo.InvariantCulture);
}

/// <summary>The ISO 4217 currencies a shop may show prices in, with their minor units as the standard lists them.</summary>
public static class IsoCurrencies
{
    public static IReadOnlyList<IsoCurrency> All { get; } =
    [
        new("AED", "UAE dirham", "AED ", 2),
        new("AUD", "Australian dollar", "A$", 2),
        new("BDT", "Bangladeshi taka", "৳", 2),
        new("BHD", "Bahraini dinar", "BHD ", 3),
        new("CAD", "Canadian dollar", "CA$", 2),
        new("CHF", "Swiss franc", "CHF ", 2),
        new("CNY", "Chinese yuan", "CN¥", 2),
        new("EUR", "Euro", "€", 2),
        new("GBP", "Pound sterling", "£", 2),
        new("HKD", "Hong Kong dollar", "HK$", 2),
        new("IDR", "Indonesian rupiah", "IDR ", 2),
        new("INR", "Indian rupee", "₹", 2),
        new("JPY", "Japanese yen", "¥", 0),
        new("KRW", "South Korean won", "₩", 0),
        new("KWD", "Kuwaiti dinar", "KWD ", 3),
        new("LKR", "Sri Lankan rupee", "LKR ", 2),
        new("MYR", "Malaysian ringgit", "RM", 2),
        new("NPR", "Nepalese rupee", "NPR ", 2),
        new("NZD", "New Zealand dollar", "NZ$", 2),
        new("OMR", "Omani rial", "OMR ", 3),
        new("PHP", "Philippine peso", "₱", 2),
        new("QAR", "Qatari riyal", "QAR ", 2),
        new("SAR", "Saudi riyal", "SAR ", 2),
        new("SEK", "Swedish krona", "SEK ", 2),
        new("SGD", "Singapore dollar", "S$", 2),
        new("THB", "Thai baht", "฿", 2),
        new("USD", "US dollar", "US$", 2),
        new("ZAR", "South African rand", "ZAR ", 2),
    ];

    private static readonly Dictionary<string, IsoCurrency> ByCode = All.ToDictionary(c => c.Code, StringComparer.Ordinal);

    /// <summary>The currency of an upper-case ISO code; null for anything else.</summary>
    public static IsoCurrency? Find(string? code) => code is not null && ByCode.TryGetValue(code, out var currency) ? currency : null;
}

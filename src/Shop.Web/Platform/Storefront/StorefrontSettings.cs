namespace Shop.Web.Platform.Storefront;

/// <summary>The shop's public face: its name and how customers reach it.</summary>
public sealed class StorefrontSettings
{
    public const string Section = "Store";

    public string Name { get; set; } = "Shop";

    /// <summary>Where customers reach the shop; links in emails start here.</summary>
    public string PublicUrl { get; set; } = "http://127.0.0.1:5080";

    /// <summary>Shown as written, or in the reader's language when the shared texts (Strings.*.resx) translate it.</summary>
    public string Tagline { get; set; } = "";

    public string SupportEmail { get; set; } = "support@shop.local";

    public string SupportPhone { get; set; } = "";

    /// <summary>ISO 4217 code prices are shown in.</summary>
    public string Currency { get; set; } = "INR";

    /// <summary>Culture used to format money and dates (en-IN shows ₹1,23,456.00).</summary>
    public string Culture { get; set; } = "en-IN";

    /// <summary>IANA zone whose calendar days the shop's figures are counted in (an order at 23:30 there belongs to that day).</summary>
    public string TimeZone { get; set; } = "Asia/Kolkata";

    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    /// <summary>The shop's calendar day of an instant.</summary>
    public DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    /// <summary>The instant a day of the shop's calendar begins.</summary>
    public DateTimeOffset StartOf(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();
    }
}

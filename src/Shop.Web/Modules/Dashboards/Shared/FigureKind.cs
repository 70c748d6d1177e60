using System.Globalization;
using Shop.Web.Platform.Storefront;

namespace Shop.Web.Modules.Dashboards.Shared;

public enum FigureKind { Money, Count, Rate }

public static class FigureText
{
    public static string Show(this Money money, decimal value, FigureKind kind) => kind switch
    {
        FigureKind.Money => money.Show(value),
        FigureKind.Rate => Percent(value),
        _ => value.ToString("N0", CultureInfo.CurrentCulture),
    };

    public static string Percent(decimal share) => (share * 100).ToString(share is > -0.1m and < 0.1m ? "0.#" : "0", CultureInfo.InvariantCulture) + " %";

    /// <summary>How long ago, in the largest whole unit: "3 days", "5 hours", "12 minutes".</summary>
    public static string Age(DateTimeOffset since, DateTimeOffset now)
    {
        var age = now - since;
        return age.TotalDays >= 1 ? Plural((int)age.TotalDays, "day")
            : age.TotalHours >= 1 ? Plural((int)age.TotalHours, "hour")
            : age.TotalMinutes >= 1 ? Plural((int)age.TotalMinutes, "minute")
            : "under a minute";
    }

    /// <summary>A stored name (pending_payment) as a reader sees it (Pending payment).</summary>
    public static string Words(string name) => name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name[1..].Replace('_', ' ');

    /// <summary>A bucket's first day as the chart's axis names it.</summary>
    public static string BucketLabel(DateOnly start, Analytics.Contracts.Bucket bucket) => bucket switch
    {
        Analytics.Contracts.Bucket.Month => start.ToString("MMM yyyy", CultureInfo.InvariantCulture),
        Analytics.Contracts.Bucket.Week => "Week of " + start.ToString("d MMM", CultureInfo.InvariantCulture),
        _ => start.ToString("d MMM", CultureInfo.InvariantCulture),
    };

    private static string Plural(int n, string unit) => n == 1 ? $"1 {unit}" : $"{n} {unit}s";
}

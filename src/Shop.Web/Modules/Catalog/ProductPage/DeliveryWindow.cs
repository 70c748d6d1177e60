using System.Text.RegularExpressions;

namespace Shop.Web.Modules.Catalog.ProductPage;

/// <summary>
/// The days a parcel arrives between, from a shipping method's estimate as admins write it ("3–6 business
/// days"): counted from the next business day after today, skipping Saturdays and Sundays.
/// </summary>
public static partial class DeliveryWindow
{
    [GeneratedRegex(@"(\d{1,2})\s*(?:[–-]\s*(\d{1,2}))?\s*business\s+days?", RegexOptions.IgnoreCase)]
    private static partial Regex BusinessDays();

    public static (DateOnly First, DateOnly Last)? From(string? estimate, DateOnly today)
    {
        var match = estimate is null ? null : BusinessDays().Match(estimate);
        if (match is not { Success: true })
            return null;
        var fewest = int.Parse(match.Groups[1].Value);
        var most = match.Groups[2].Success ? int.Parse(match.Groups[2].Value) : fewest;
        return fewest > most ? null : (AddBusinessDays(today, fewest), AddBusinessDays(today, most));
    }

    private static DateOnly AddBusinessDays(DateOnly day, int count)
    {
        while (count > 0)
        {
            day = day.AddDays(1);
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                count--;
        }
        return day;
    }
}

using Shop.Web.Modules.Analytics.Contracts;

namespace Shop.Web.Modules.Analytics.Reports;

/// <summary>
/// Reads a period's product sales in the fewest rows: the months it touches from the monthly rows, and in
/// each month it only partly covers, whichever is fewer of the days inside the period (added from the daily
/// rows) or the whole month less the days outside it (taken away). Days after tomorrow hold nothing yet and
/// cost nothing: the last 30 days are two months less a few days, not thirty days.
/// </summary>
/// <param name="MonthsFrom">The first month read whole (its first day).</param>
/// <param name="MonthsTo">The first day after the last month read whole; equal to <paramref name="MonthsFrom"/> when none is.</param>
internal sealed record MonthlyReadPlan(DateOnly MonthsFrom, DateOnly MonthsTo, IReadOnlyList<DayRange> Added, IReadOnlyList<DayRange> Taken)
{
    public static MonthlyReadPlan For(DayRange range, DateOnly today)
    {
        var written = today.AddDays(1);
        var months = new List<DateOnly>();
        var added = new List<DayRange>();
        var taken = new List<DayRange>();
        for (var month = new DateOnly(range.From.Year, range.From.Month, 1); month <= range.To; month = month.AddMonths(1))
        {
            var last = month.AddMonths(1).AddDays(-1);
            var inside = new DayRange(Max(range.From, month), Min(range.To, last));
            var before = new DayRange(month, inside.From.AddDays(-1));
            var after = new DayRange(inside.To.AddDays(1), Min(last, written));
            if (1 + Days(before) + Days(after) <= inside.Days)
            {
                months.Add(month);
                taken.AddRange(new[] { before, after }.Where(r => Days(r) > 0));
            }
            else
                added.Add(inside);
        }
        // Only the first and the last month can be read by their days, so the months read whole are consecutive.
        return months.Count == 0
            ? new MonthlyReadPlan(range.From, range.From, added, taken)
            : new MonthlyReadPlan(months[0], months[^1].AddMonths(1), added, taken);
    }

    /// <summary>The ranges padded to two with empty ones, so a query has a fixed shape.</summary>
    public static (DayRange First, DayRange Second) Two(IReadOnlyList<DayRange> ranges)
    {
        var none = new DayRange(DateOnly.MaxValue, DateOnly.MinValue);
        return (ranges.Count > 0 ? ranges[0] : none, ranges.Count > 1 ? ranges[1] : none);
    }

    private static int Days(DayRange range) => Math.Max(0, range.Days);

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}

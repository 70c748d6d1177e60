using Shop.Web.Modules.Analytics.Contracts;
using Shop.Web.Platform.Api;
using Shop.Web.Platform.Errors;

namespace Shop.Web.Modules.Analytics.Reports;

/// <summary>Turns the period picker's choices into days of the shop's calendar, with every refusal named by its field.</summary>
internal static class PeriodParser
{
    /// <summary>Longest custom period: three years of daily rows is still a quick read.</summary>
    public const int MaxDays = 3 * 366;

    public static Period Parse(PeriodRequest request, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>();
        var from = DayField.Parse(request.From, "from", errors);
        var to = DayField.Parse(request.To, "to", errors);
        DayRange? range = (request.Period?.Trim().ToLowerInvariant() ?? "30d") switch
        {
            "today" => new DayRange(today, today),
            "7d" => Last(today, 7),
            "30d" => Last(today, 30),
            "90d" => Last(today, 90),
            "12m" => new DayRange(today.AddMonths(-12).AddDays(1), today),
            "custom" => Custom(from, to, request, errors),
            _ => Refuse<DayRange>(errors, "period", "Choose today, 7d, 30d, 90d, 12m or custom."),
        };
        var compare = request.Compare?.Trim().ToLowerInvariant() ?? "previous";
        if (compare is not ("previous" or "year" or "none"))
            errors["compare"] = ["Compare with previous, year or none."];
        Bucket? bucket = request.Bucket?.Trim().ToLowerInvariant() switch
        {
            null or "" => null,
            "day" => Bucket.Day,
            "week" => Bucket.Week,
            "month" => Bucket.Month,
            _ => Refuse<Bucket?>(errors, "bucket", "Choose day, week or month."),
        };
        if (errors.Count > 0 || range is null)
            throw new InputValidationException(errors);
        var comparison = compare switch
        {
            "previous" => new DayRange(range.From.AddDays(-range.Days), range.From.AddDays(-1)),
            "year" => new DayRange(range.From.AddYears(-1), range.To.AddYears(-1)),
            _ => null,
        };
        return new Period(range, comparison, bucket ?? (range.Days <= 31 ? Bucket.Day : range.Days <= 183 ? Bucket.Week : Bucket.Month));
    }

    private static DayRange Last(DateOnly today, int days) => new(today.AddDays(1 - days), today);

    private static DayRange? Custom(DateOnly? from, DateOnly? to, PeriodRequest request, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(request.From))
            errors["from"] = ["Give the first day of a custom period (yyyy-MM-dd)."];
        if (string.IsNullOrWhiteSpace(request.To))
            errors["to"] = ["Give the last day of a custom period (yyyy-MM-dd)."];
        if (from is null || to is null)
            return null;
        if (to < from)
            return Refuse<DayRange>(errors, "to", "The last day comes before the first.");
        var range = new DayRange(from.Value, to.Value);
        return range.Days > MaxDays ? Refuse<DayRange>(errors, "to", $"A period spans at most {MaxDays:N0} days.") : range;
    }

    private static T? Refuse<T>(Dictionary<string, string[]> errors, string field, string message)
    {
        errors[field] = [message];
        return default;
    }
}

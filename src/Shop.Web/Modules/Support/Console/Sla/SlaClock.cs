using Microsoft.Extensions.Options;
using Shop.Web.Modules.Support.Data;
using Shop.Web.Modules.Support.Hours;

namespace Shop.Web.Modules.Support.Console.Sla;

/// <summary>When support owes the customer a response: the priority's target in business time after they started waiting.</summary>
public sealed class SlaClock(IOptions<SupportConsoleOptions> options, BusinessHours hours, TimeProvider clock)
{
    public DateTimeOffset Now => clock.GetUtcNow();

    public BusinessHours Hours => hours;

    public DateTimeOffset DueAt(Priority priority, DateTimeOffset waitingSince) => hours.Add(waitingSince, options.Value.TargetFor(priority));

    public TimeSpan Target(Priority priority) => options.Value.TargetFor(priority);

    /// <summary>An instant as agents read it: in support's own time zone.</summary>
    public string Show(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, hours.Zone).ToString("d MMM, HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The value of a datetime-local field for an instant, in support's time zone.</summary>
    public string LocalInput(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, hours.Zone).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A datetime-local field's value (support's time zone) as an instant; null when it is no date.</summary>
    public DateTimeOffset? FromLocalInput(string? value)
    {
        if (!DateTime.TryParseExact(value, ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"], System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.None, out var local))
            return null;
        while (hours.Zone.IsInvalidTime(local))
            local = local.AddMinutes(1);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), hours.Zone), TimeSpan.Zero);
    }

    /// <summary>A span as "3 d 4 h", "2 h 15 min" or "5 min".</summary>
    public static string Duration(TimeSpan span)
    {
        var negative = span < TimeSpan.Zero;
        span = span.Duration();
        var text = span.TotalDays >= 1 ? $"{(int)span.TotalDays} d {span.Hours} h"
            : span.TotalHours >= 1 ? $"{(int)span.TotalHours} h {span.Minutes} min"
            : $"{Math.Max(0, span.Minutes)} min";
        return negative ? "-" + text : text;
    }
}

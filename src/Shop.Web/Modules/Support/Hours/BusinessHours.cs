using System.Globalization;

namespace Shop.Web.Modules.Support.Hours;

/// <summary>
/// Support's working week in its own time zone, the one clock that first-response targets and
/// call-back slots both read. Adding business time to an instant counts only the
/// minutes inside opening hours, skipping nights, closed days and weekends: a one-hour target set at
/// 17:30 on a Friday falls due at 09:30 on Monday.
/// </summary>
public sealed class BusinessHours
{
    /// <summary>One day's opening, from Open to Close local time of day (Close after Open; "24:00" is midnight at the end).</summary>
    public readonly record struct Window(TimeSpan Open, TimeSpan Close)
    {
        public static Window Parse(string value) =>
            TryParse(value, out var window) ? window : throw new FormatException($"'{value}' is not opening hours like 09:00-18:00.");

        public static bool TryParse(string? value, out Window window)
        {
            window = default;
            var parts = value?.Split('-', 2, StringSplitOptions.TrimEntries);
            if (parts is not { Length: 2 } || !TryTime(parts[0], out var open) || !TryTime(parts[1], out var close) || close <= open)
                return false;
            window = new Window(open, close);
            return true;
        }

        private static bool TryTime(string text, out TimeSpan time)
        {
            if (text == "24:00")
            {
                time = TimeSpan.FromHours(24);
                return true;
            }
            return TimeSpan.TryParseExact(text, @"hh\:mm", CultureInfo.InvariantCulture, out time) && time < TimeSpan.FromHours(24);
        }
    }

    private readonly TimeZoneInfo zone;
    private readonly IReadOnlyDictionary<DayOfWeek, Window> week;

    public BusinessHours(TimeZoneInfo zone, IReadOnlyDictionary<DayOfWeek, Window> week)
    {
        if (week.Count == 0)
            throw new ArgumentException("Support must be open on at least one day of the week.", nameof(week));
        (this.zone, this.week) = (zone, week);
    }

    public TimeZoneInfo Zone => zone;

    /// <summary>The instant when <paramref name="business"/> of working time has passed after <paramref name="start"/>.</summary>
    public DateTimeOffset Add(DateTimeOffset start, TimeSpan business)
    {
        if (business < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(business), "Business time to add cannot be negative.");
        if (business == TimeSpan.Zero)
            return start.ToUniversalTime();
        var local = TimeZoneInfo.ConvertTime(start, zone).DateTime;
        var remaining = business;
        for (var day = local.Date; ; day = day.AddDays(1))
        {
            if (!week.TryGetValue(day.DayOfWeek, out var window))
                continue;
            var opens = day + window.Open;
            var closes = day + window.Close;
            var from = local > opens ? local : opens;
            if (from >= closes)
                continue;
            if (remaining <= closes - from)
                return ToInstant(from + remaining);
            remaining -= closes - from;
        }
    }

    /// <summary>The opening hours of a weekday, or null when support is closed that day.</summary>
    public Window? On(DayOfWeek day) => week.TryGetValue(day, out var window) ? window : null;

    /// <summary>Whether support is open at the instant.</summary>
    public bool IsOpen(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, zone).DateTime;
        return week.TryGetValue(local.DayOfWeek, out var window) && local.TimeOfDay >= window.Open && local.TimeOfDay < window.Close;
    }

    private DateTimeOffset ToInstant(DateTime local)
    {
        // A local time skipped by a daylight-saving change does not exist; the next real minute stands in.
        while (zone.IsInvalidTime(local))
            local = local.AddMinutes(1);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone), TimeSpan.Zero);
    }
}

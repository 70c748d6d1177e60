using System.Globalization;

namespace Shop.Web.Modules.Support.Console.Sla;

/// <summary>
/// Support's working week in its own time zone. Adding business time to an instant counts only the
/// minutes inside opening hours, skipping nights, closed days and weekends: a one-hour target set at
/// 17:30 on a Friday falls due at 09:30 on Monday.
/// </summary>
public sealed class BusinessHours
{
    /// <summary>One day's opening, from Open to Close local time (Close after Open).</summary>
    public readonly record struct Window(TimeOnly Open, TimeOnly Close)
    {
        public static Window Parse(string value) =>
            TryParse(value, out var window) ? window : throw new FormatException($"'{value}' is not opening hours like 09:00-18:00.");

        public static bool TryParse(string? value, out Window window)
        {
            window = default;
            var parts = value?.Split('-', 2, StringSplitOptions.TrimEntries);
            if (parts is not { Length: 2 }
                || !TimeOnly.TryParseExact(parts[0], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var open)
                || !TimeOnly.TryParseExact(parts[1] == "24:00" ? "23:59" : parts[1], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var close)
                || close <= open)
                return false;
            window = new Window(open, close);
            return true;
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
            var opens = day + window.Open.ToTimeSpan();
            var closes = day + window.Close.ToTimeSpan();
            var from = local > opens ? local : opens;
            if (from >= closes)
                continue;
            if (remaining <= closes - from)
                return ToInstant(from + remaining);
            remaining -= closes - from;
        }
    }

    /// <summary>Whether support is open at the instant.</summary>
    public bool IsOpen(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, zone).DateTime;
        return week.TryGetValue(local.DayOfWeek, out var window) && TimeOnly.FromDateTime(local) is var time && time >= window.Open && time < window.Close;
    }

    private DateTimeOffset ToInstant(DateTime local)
    {
        // A local time skipped by a daylight-saving change does not exist; the next real minute stands in.
        while (zone.IsInvalidTime(local))
            local = local.AddMinutes(1);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone), TimeSpan.Zero);
    }
}

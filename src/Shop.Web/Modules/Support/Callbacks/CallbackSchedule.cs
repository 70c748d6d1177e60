using System.Globalization;
using Microsoft.Extensions.Options;
using Shop.Web.Modules.Support.Hours;

namespace Shop.Web.Modules.Support.Callbacks;

/// <summary>A slot as offered: its start (UTC), its local start and end as customers read them, and whether it is still free.</summary>
public sealed record CallbackSlot(DateTimeOffset Start, DateTimeOffset End, string Label, bool Free);

/// <summary>
/// Support's business hours cut into slots, in its time zone: which slots the next days offer, and whether a
/// requested start is one of them (aligned, within hours, far enough ahead).
/// </summary>
public sealed class CallbackSchedule(IOptions<CallbackOptions> options, BusinessHours hours, TimeProvider clock)
{
    private CallbackOptions Settings => options.Value;

    public TimeZoneInfo Zone => hours.Zone;

    public TimeSpan SlotLength => TimeSpan.FromMinutes(Math.Max(5, Settings.SlotMinutes));

    /// <summary>Every slot within opening hours from now to <see cref="CallbackOptions.DaysAhead"/> days on, earliest first.</summary>
    public IReadOnlyList<(DateTimeOffset Start, DateTimeOffset End)> Upcoming()
    {
        var zone = Zone;
        var now = clock.GetUtcNow();
        var earliest = now.AddMinutes(Settings.MinimumNoticeMinutes);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var slots = new List<(DateTimeOffset, DateTimeOffset)>();
        for (var day = 0; day < Math.Max(1, Settings.DaysAhead); day++)
        {
            var date = today.AddDays(day);
            if (HoursOn(date.DayOfWeek) is not var (open, close))
                continue;
            for (var start = open; start + SlotLength <= close; start += SlotLength)
            {
                var utc = ToUtc(date, start, zone);
                if (utc >= earliest)
                    slots.Add((utc, utc + SlotLength));
            }
        }
        return slots;
    }

    /// <summary>Why a requested start cannot be booked, or null when it is one of the offered slots.</summary>
    public string? Refusal(DateTimeOffset start)
    {
        var now = clock.GetUtcNow();
        if (start <= now)
            return "That time has passed. Choose one of the times offered.";
        if (start < now.AddMinutes(Settings.MinimumNoticeMinutes))
            return $"Choose a time at least {Settings.MinimumNoticeMinutes} minutes from now.";
        var local = TimeZoneInfo.ConvertTime(start, Zone);
        var time = TimeSpan.FromTicks(local.TimeOfDay.Ticks);
        if (HoursOn(local.DayOfWeek) is not var (open, close) || time < open || time + SlotLength > close)
            return "We call back only within our opening hours. Choose one of the times offered.";
        if ((time - open).Ticks % SlotLength.Ticks != 0)
            return "Choose one of the times offered.";
        if (!Upcoming().Any(s => s.Start == start))
            return $"We book call-backs up to {Settings.DaysAhead} days ahead. Choose one of the times offered.";
        return null;
    }

    /// <summary>"Fri 4 Dec, 10:30–11:00 IST"-like text in the shop's time zone.</summary>
    public string Describe(DateTimeOffset start)
    {
        var local = TimeZoneInfo.ConvertTime(start, Zone);
        var end = local + SlotLength;
        return $"{local.ToString("ddd d MMM, HH:mm", CultureInfo.InvariantCulture)}–{end.ToString("HH:mm", CultureInfo.InvariantCulture)} ({ZoneName})";
    }

    public string ZoneName => hours.Zone.Id;

    /// <summary>A local date and time in the shop's zone (as a form's datetime-local sends it) as an instant.</summary>
    public DateTimeOffset FromLocal(DateTime local) =>
        new(local, Zone.GetUtcOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified)));

    public DateTime ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone).DateTime;

    private (TimeSpan Open, TimeSpan Close)? HoursOn(DayOfWeek day) => hours.On(day) is { } window ? (window.Open, window.Close) : null;

    private static DateTimeOffset ToUtc(DateOnly date, TimeSpan time, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(TimeOnly.MinValue).Add(time);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }
}

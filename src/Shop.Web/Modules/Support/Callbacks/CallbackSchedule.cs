using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Shop.Web.Modules.Support.Hours;
using Shop.Web.Platform.Localization;

namespace Shop.Web.Modules.Support.Callbacks;

/// <summary>A slot as offered: its start (UTC), its local start and end as customers read them, and whether it is still free.</summary>
public sealed record CallbackSlot(DateTimeOffset Start, DateTimeOffset End, string Label, bool Free);

/// <summary>
/// Support's business hours cut into slots, in its time zone: which slots the next days offer, and whether a
/// requested start is one of them (aligned, within hours, far enough ahead).
/// </summary>
public sealed class CallbackSchedule(IOptions<CallbackOptions> options, BusinessHours hours, TimeProvider clock, IStringLocalizer<Strings> texts)
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
            return texts["Choose a time at least {0} minutes from now.", Settings.MinimumNoticeMinutes];
        var local = TimeZoneInfo.ConvertTime(start, Zone);
        var time = TimeSpan.FromTicks(local.TimeOfDay.Ticks);
        if (HoursOn(local.DayOfWeek) is not var (open, close) || time < open || time + SlotLength > close)
            return "We call back only within our opening hours. Choose one of the times offered.";
        if ((time - open).Ticks % SlotLength.Ticks != 0)
            return "Choose one of the times offered.";
        if (!Upcoming().Any(s => s.Start == start))
            return texts["We book call-backs up to {0} days ahead. Choose one of the times offered.", Settings.DaysAhead];
        return null;
    }

    /// <summary>
    /// "Fri 4 Dec, 10:30–11:00 IST"-like text in the shop's time zone, with day and month names in
    /// <paramref name="language"/> (stored messages and staff read the default).
    /// </summary>
    public string Describe(DateTimeOffset start, ShopLanguage? language = null)
    {
        var culture = CultureOf(language);
        var local = TimeZoneInfo.ConvertTime(start, Zone);
        var end = local + SlotLength;
        return $"{local.ToString("ddd d MMM, HH:mm", culture)}–{end.ToString("HH:mm", culture)} ({ZoneName})";
    }

    /// <summary>"4 Dec 2026, 10:30" in the shop's time zone, as messages to customers date things.</summary>
    public string When(DateTimeOffset at, ShopLanguage? language = null) =>
        ToLocal(at).ToString("d MMM yyyy, HH:mm", CultureOf(language));

    public string ZoneName => hours.Zone.Id;

    private static CultureInfo CultureOf(ShopLanguage? language) =>
        language is null || language == ShopLanguages.Default ? CultureInfo.InvariantCulture : CultureInfo.GetCultureInfo(language.Culture);

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

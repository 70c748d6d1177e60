using Shop.Web.Modules.Support.Hours;

namespace Shop.Tests.Support;

/// <summary>Business time added to an instant counts only opening hours, in support's own time zone.</summary>
public sealed class BusinessHoursTests
{
    private static readonly TimeZoneInfo Kolkata = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");

    // Monday to Friday 09:00-18:00, Saturday 10:00-14:00, Sunday closed, in India (UTC+05:30).
    private static readonly BusinessHours Week = new(Kolkata, new Dictionary<DayOfWeek, BusinessHours.Window>
    {
        [DayOfWeek.Monday] = BusinessHours.Window.Parse("09:00-18:00"),
        [DayOfWeek.Tuesday] = BusinessHours.Window.Parse("09:00-18:00"),
        [DayOfWeek.Wednesday] = BusinessHours.Window.Parse("09:00-18:00"),
        [DayOfWeek.Thursday] = BusinessHours.Window.Parse("09:00-18:00"),
        [DayOfWeek.Friday] = BusinessHours.Window.Parse("09:00-18:00"),
        [DayOfWeek.Saturday] = BusinessHours.Window.Parse("10:00-14:00"),
    });

    private static readonly BusinessHours WeekdaysOnly = new(Kolkata, Enumerable.Range(1, 5)
        .ToDictionary(d => (DayOfWeek)d, _ => BusinessHours.Window.Parse("09:00-18:00")));

    // 2026-12-04 is a Friday.
    private static DateTimeOffset India(int day, int hour, int minute = 0) => new(2026, 12, day, hour, minute, 0, TimeSpan.FromHours(5.5));

    [Theory]
    [InlineData(4, 10, 0, 60, 4, 11, 0)]      // inside the day
    [InlineData(4, 7, 30, 60, 4, 10, 0)]      // before opening: the clock starts at 09:00
    [InlineData(3, 17, 30, 60, 4, 9, 30)]     // Thursday evening runs over the night
    [InlineData(3, 21, 0, 30, 4, 9, 30)]      // after closing: the next morning
    [InlineData(4, 18, 0, 0, 4, 18, 0)]       // nothing to add
    public void Adds_minutes_within_opening_hours_and_over_nights(int day, int hour, int minute, int minutes, int dueDay, int dueHour, int dueMinute) =>
        Assert.Equal(India(dueDay, dueHour, dueMinute), WeekdaysOnly.Add(India(day, hour, minute), TimeSpan.FromMinutes(minutes)));

    [Fact]
    public void A_one_hour_target_set_late_on_Friday_falls_due_on_Monday_morning()
    {
        Assert.Equal(India(7, 9, 30), WeekdaysOnly.Add(India(4, 17, 30), TimeSpan.FromHours(1)));
        // Asked on Sunday: the weekend does not count at all.
        Assert.Equal(India(7, 10, 0), WeekdaysOnly.Add(India(6, 12, 0), TimeSpan.FromHours(1)));
    }

    [Fact]
    public void A_short_Saturday_counts_and_Sunday_is_skipped()
    {
        // Friday 17:00 + 8 h: 1 h on Friday, 4 h on Saturday, 3 h from Monday 09:00.
        Assert.Equal(India(7, 12, 0), Week.Add(India(4, 17, 0), TimeSpan.FromHours(8)));
    }

    [Fact]
    public void A_day_long_target_spans_several_working_days()
    {
        // 24 business hours from Monday 09:00 at 9 h a day: Monday, Tuesday, and 6 h on Wednesday.
        Assert.Equal(India(9, 15, 0), WeekdaysOnly.Add(India(7, 9, 0), TimeSpan.FromHours(24)));
    }

    [Fact]
    public void Answers_are_instants_in_UTC_whatever_zone_the_start_is_given_in()
    {
        var start = new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero); // 17:30 in India
        var due = WeekdaysOnly.Add(start, TimeSpan.FromHours(1));
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 4, 0, 0, TimeSpan.Zero), due);
        Assert.Equal(TimeSpan.Zero, due.Offset);
    }

    [Fact]
    public void Knows_whether_support_is_open()
    {
        Assert.True(Week.IsOpen(India(4, 9, 0)));
        Assert.False(Week.IsOpen(India(4, 18, 0)));
        Assert.True(Week.IsOpen(India(5, 13, 59)));
        Assert.False(Week.IsOpen(India(6, 12, 0)));
    }

    [Theory]
    [InlineData("9-18")]
    [InlineData("18:00-09:00")]
    [InlineData("09:00")]
    [InlineData("")]
    public void Refuses_opening_hours_that_are_not_a_window(string value) => Assert.False(BusinessHours.Window.TryParse(value, out _));

    [Fact]
    public void Refuses_a_week_without_opening_hours_and_negative_time()
    {
        Assert.Throws<ArgumentException>(() => new BusinessHours(Kolkata, new Dictionary<DayOfWeek, BusinessHours.Window>()));
        Assert.Throws<ArgumentOutOfRangeException>(() => Week.Add(India(4, 10), TimeSpan.FromMinutes(-1)));
    }
}

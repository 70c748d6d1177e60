using System.ComponentModel.DataAnnotations;
using Shop.Web.Modules.Support.Data;

namespace Shop.Web.Modules.Support.Console.Sla;

/// <summary>
/// When support owes a first response (per priority, in business time) and when support works
/// (a time zone and opening hours per weekday, "09:00-18:00"; a day left out is closed). Section "Support".
/// </summary>
public sealed class SupportConsoleOptions : IValidatableObject
{
    public const string Section = "Support";

    public Dictionary<Priority, TimeSpan> Sla { get; set; } = [];

    public string TimeZone { get; set; } = "Asia/Kolkata";

    public Dictionary<DayOfWeek, string> OpeningHours { get; set; } = [];

    private static readonly Dictionary<Priority, TimeSpan> DefaultSla = new()
    {
        [Priority.Urgent] = TimeSpan.FromHours(1),
        [Priority.High] = TimeSpan.FromHours(4),
        [Priority.Normal] = TimeSpan.FromHours(8),
        [Priority.Low] = TimeSpan.FromHours(24),
    };

    private static readonly Dictionary<DayOfWeek, string> DefaultHours = new()
    {
        [DayOfWeek.Monday] = "09:00-18:00",
        [DayOfWeek.Tuesday] = "09:00-18:00",
        [DayOfWeek.Wednesday] = "09:00-18:00",
        [DayOfWeek.Thursday] = "09:00-18:00",
        [DayOfWeek.Friday] = "09:00-18:00",
    };

    /// <summary>The target for a priority: configured, else the default (Urgent 1 h, High 4 h, Normal 8 h, Low 24 h).</summary>
    public TimeSpan TargetFor(Priority priority) => Sla.TryGetValue(priority, out var target) ? target : DefaultSla[priority];

    public BusinessHours WorkingWeek() =>
        new(TimeZoneInfo.FindSystemTimeZoneById(TimeZone), (OpeningHours.Count > 0 ? OpeningHours : DefaultHours)
            .ToDictionary(day => day.Key, day => BusinessHours.Window.Parse(day.Value)));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
            yield return new ValidationResult($"Support:TimeZone '{TimeZone}' is not a known time zone.");
        foreach (var (day, hours) in OpeningHours)
            if (!BusinessHours.Window.TryParse(hours, out _))
                yield return new ValidationResult($"Support:OpeningHours:{day} '{hours}' is not like 09:00-18:00.");
        if (Sla.Values.Any(t => t <= TimeSpan.Zero))
            yield return new ValidationResult("Support:Sla targets must be positive.");
    }
}

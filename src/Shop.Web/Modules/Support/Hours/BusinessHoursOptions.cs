using System.ComponentModel.DataAnnotations;

namespace Shop.Web.Modules.Support.Hours;

/// <summary>
/// When support works: a time zone and opening hours per weekday ("09:00-18:00"; once any day is
/// configured, the days left out are closed). Section "Support:BusinessHours".
/// </summary>
public sealed class BusinessHoursOptions : IValidatableObject
{
    public const string Section = "Support:BusinessHours";

    public string TimeZone { get; set; } = "Asia/Kolkata";

    public Dictionary<DayOfWeek, string> OpeningHours { get; set; } = [];

    private static readonly Dictionary<DayOfWeek, string> DefaultHours = new()
    {
        [DayOfWeek.Monday] = "09:00-18:00",
        [DayOfWeek.Tuesday] = "09:00-18:00",
        [DayOfWeek.Wednesday] = "09:00-18:00",
        [DayOfWeek.Thursday] = "09:00-18:00",
        [DayOfWeek.Friday] = "09:00-18:00",
        [DayOfWeek.Saturday] = "10:00-14:00",
    };

    public BusinessHours Week() =>
        new(TimeZoneInfo.FindSystemTimeZoneById(TimeZone), (OpeningHours.Count > 0 ? OpeningHours : DefaultHours)
            .Where(day => !string.IsNullOrWhiteSpace(day.Value))
            .ToDictionary(day => day.Key, day => BusinessHours.Window.Parse(day.Value)));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
            yield return new ValidationResult($"{Section}:TimeZone '{TimeZone}' is not a known time zone.");
        foreach (var (day, hours) in OpeningHours)
            if (!string.IsNullOrWhiteSpace(hours) && !BusinessHours.Window.TryParse(hours, out _))
                yield return new ValidationResult($"{Section}:OpeningHours:{day} '{hours}' is not like 09:00-18:00.");
        if (OpeningHours.Count > 0 && OpeningHours.Values.All(string.IsNullOrWhiteSpace))
            yield return new ValidationResult($"{Section}:OpeningHours must open on at least one day.");
    }
}

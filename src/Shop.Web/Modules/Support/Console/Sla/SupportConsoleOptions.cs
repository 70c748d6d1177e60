using System.ComponentModel.DataAnnotations;
using Shop.Web.Modules.Support.Data;

namespace Shop.Web.Modules.Support.Console.Sla;

/// <summary>
/// When support owes a first response: a target per priority, counted in business hours
/// (<see cref="Hours.BusinessHoursOptions"/>). Section "Support".
/// </summary>
public sealed class SupportConsoleOptions : IValidatableObject
{
    public const string Section = "Support";

    public Dictionary<Priority, TimeSpan> Sla { get; set; } = [];

    private static readonly Dictionary<Priority, TimeSpan> DefaultSla = new()
    {
        [Priority.Urgent] = TimeSpan.FromHours(1),
        [Priority.High] = TimeSpan.FromHours(4),
        [Priority.Normal] = TimeSpan.FromHours(8),
        [Priority.Low] = TimeSpan.FromHours(24),
    };

    /// <summary>The target for a priority: configured, else the default (Urgent 1 h, High 4 h, Normal 8 h, Low 24 h).</summary>
    public TimeSpan TargetFor(Priority priority) => Sla.TryGetValue(priority, out var target) ? target : DefaultSla[priority];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Sla.Values.Any(t => t <= TimeSpan.Zero))
            yield return new ValidationResult("Support:Sla targets must be positive.");
    }
}

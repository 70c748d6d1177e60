using Microsoft.Extensions.Options;
using Shop.Web.Modules.Support.Data;

namespace Shop.Web.Modules.Support.Console.Sla;

/// <summary>When support owes the customer a response: the priority's target in business time after they started waiting.</summary>
public sealed class SlaClock(IOptions<SupportConsoleOptions> options, TimeProvider clock)
{
    private readonly BusinessHours hours = options.Value.WorkingWeek();

    public DateTimeOffset Now => clock.GetUtcNow();

    public BusinessHours Hours => hours;

    public DateTimeOffset DueAt(Priority priority, DateTimeOffset waitingSince) => hours.Add(waitingSince, options.Value.TargetFor(priority));

    public TimeSpan Target(Priority priority) => options.Value.TargetFor(priority);
}

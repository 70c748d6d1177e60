namespace Shop.Web.Modules.Support.Callbacks;

/// <summary>When support rings customers back: business hours in the shop's time zone, cut into slots.</summary>
public sealed class CallbackOptions
{
    public const string Section = "Support:Callbacks";

    /// <summary>IANA time zone the opening hours are in (and slots are shown in).</summary>
    public string TimeZone { get; set; } = "Asia/Kolkata";

    /// <summary>Opening hours per weekday, "09:00-18:00"; a missing or empty day is closed.</summary>
    public Dictionary<string, string> OpeningHours { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Monday"] = "09:00-18:00",
        ["Tuesday"] = "09:00-18:00",
        ["Wednesday"] = "09:00-18:00",
        ["Thursday"] = "09:00-18:00",
        ["Friday"] = "09:00-18:00",
        ["Saturday"] = "10:00-14:00",
    };

    public int SlotMinutes { get; set; } = 30;

    /// <summary>How many days ahead (today included) slots are offered.</summary>
    public int DaysAhead { get; set; } = 5;

    /// <summary>How far ahead of now the earliest slot starts, so someone can prepare the call.</summary>
    public int MinimumNoticeMinutes { get; set; } = 30;

    /// <summary>How many call-backs one slot takes (agents ringing at once).</summary>
    public int CallsPerSlot { get; set; } = 2;

    /// <summary>How long before the slot the reminder email goes out.</summary>
    public TimeSpan ReminderLead { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often each instance looks for reminders to send.</summary>
    public TimeSpan ReminderPoll { get; set; } = TimeSpan.FromMinutes(1);
}

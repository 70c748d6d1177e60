namespace Shop.Web.Modules.Support.Callbacks;

/// <summary>How support's business hours are cut into call-back slots, and when customers are reminded.</summary>
public sealed class CallbackOptions
{
    public const string Section = "Support:Callbacks";

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

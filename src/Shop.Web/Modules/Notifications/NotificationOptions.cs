namespace Shop.Web.Modules.Notifications;

public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>Where the email templates live (relative to the app's content root); edits apply to the next message.</summary>
    public string TemplateDirectory { get; set; } = "Templates/Email";
}

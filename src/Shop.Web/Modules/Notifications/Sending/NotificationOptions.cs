namespace Shop.Web.Modules.Notifications.Sending;

public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>Where the email templates live (relative to the app's content root); edits apply to the next message.</summary>
    public string TemplateDirectory { get; set; } = "Templates/Email";

    /// <summary>
    /// The push services the shop sends to (a subscription names its own endpoint, so without this list
    /// anyone could make the shop post to any address). A leading "." allows subdomains. Plain http only on loopback.
    /// </summary>
    public List<string> PushServiceHosts { get; set; } =
        ["fcm.googleapis.com", "updates.push.services.mozilla.com", ".push.apple.com", ".notify.windows.com"];
}

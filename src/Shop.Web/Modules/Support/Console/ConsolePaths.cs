using Shop.Web.Modules.Support.Data;

namespace Shop.Web.Modules.Support.Console;

/// <summary>Where the agents' pages live, and how the console names channels.</summary>
public static class ConsolePaths
{
    public const string Queue = "/support/console";
    public const string Figures = "/support/console/figures";
    public const string CannedReplies = "/support/console/canned-replies";
    public const string Callbacks = "/support/callbacks";

    public static string Conversation(Guid id) => $"/support/console/conversations/{id}";

    public static string Label(this Channel channel) => channel switch
    {
        Channel.LiveChat => "Live chat",
        Channel.ContactForm => "Contact form",
        Channel.Callback => "Call-back",
        _ => "Order thread",
    };

    public static string Label(this Priority priority) => priority.ToString();
}

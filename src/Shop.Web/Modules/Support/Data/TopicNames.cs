namespace Shop.Web.Modules.Support.Data;

public static class TopicNames
{
    /// <summary>A topic as customers read it, on the form, in lists and in emails.</summary>
    public static string Label(this Topic topic) => topic switch
    {
        Topic.Order => "An order",
        Topic.Returns => "Returns and refunds",
        Topic.Payment => "Payment",
        Topic.Product => "A product question",
        Topic.Account => "Your account",
        _ => "Something else",
    };

    public static string Label(this ConversationStatus status) => status switch
    {
        ConversationStatus.Pending => "Answered",
        ConversationStatus.Resolved => "Resolved",
        _ => "Open",
    };
}

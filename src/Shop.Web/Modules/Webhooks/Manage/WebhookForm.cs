namespace Shop.Web.Modules.Webhooks.Manage;

public static class WebhookForm
{
    /// <summary>
    /// The ticked event boxes of a posted endpoint form: a repeated field the form model does not
    /// bind (it leaves the list null), read before the first render so the form shows them again.
    /// </summary>
    public static List<string> Events(HttpContext context) =>
        context.Request.HasFormContentType ? context.Request.Form["Events"].Where(e => e is not null).Select(e => e!).ToList() : [];
}

using HandlebarsDotNet;
using Shop.Web.Modules.Notifications.Contracts;

namespace Shop.Web.Modules.Notifications.Templates;

/// <param name="Error">Why the templates could not be rendered (a typo in an edited file), instead of the result.</param>
public sealed record PreviewResult(string? Subject, string? Summary, string? Text, string? Html, string? Error, string? TextMessage = null);

/// <summary>A kind rendered with its sample data for a sample customer, as admins check an edited template.</summary>
public static class TemplatePreview
{
    public static readonly Recipient SampleRecipient = new(null, "asha@example.com", "Asha Rao");

    public static PreviewResult Render(EmailTemplates templates, KindInfo kind)
    {
        try
        {
            var rendered = templates.Render(kind.Kind, kind.Sample, SampleRecipient);
            return new PreviewResult(rendered.Subject, rendered.Summary, rendered.Text, rendered.Html, null, rendered.TextMessage);
        }
        catch (Exception e) when (e is HandlebarsException or IOException or InvalidOperationException)
        {
            return new PreviewResult(null, null, null, null, e.Message);
        }
    }
}

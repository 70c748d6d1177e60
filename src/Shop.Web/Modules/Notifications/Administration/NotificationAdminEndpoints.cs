using Microsoft.AspNetCore.Http.HttpResults;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Modules.Notifications.Contracts;
using Shop.Web.Modules.Notifications.Templates;
using Shop.Web.Platform.Security;

namespace Shop.Web.Modules.Notifications.Administration;

public static class NotificationAdminEndpoints
{
    public static void MapNotificationAdminEndpoints(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("/admin/notifications").WithTags("Admin").RequireAuthorization(Policies.Admin).Access(Callers.Admins);
        admin.MapGet("/failed", async Task<Ok<IReadOnlyList<FailedDelivery>>> (FailedDeliveries failed) => TypedResults.Ok(await failed.ListAsync()))
            .WithName("FailedDeliveries").WithSummary("Emails and events that failed their last try, newest first, with the reason.");
        admin.MapPost("/failed/{id:guid}/retry", async Task<Results<NoContent, NotFound>> (Guid id, FailedDeliveries failed) =>
            await failed.RetryAsync(id) ? TypedResults.NoContent() : TypedResults.NotFound())
            .WithName("RetryFailedDelivery").WithSummary("Try a failed delivery again, with a fresh set of attempts.");
        admin.MapGet("/text-messages", async Task<Ok<IReadOnlyList<TextMessageView>>> (TextMessageLog log, CancellationToken cancellationToken) =>
                TypedResults.Ok(await log.LatestAsync(cancellationToken: cancellationToken)))
            .WithName("TextMessages").WithSummary("The latest 100 text messages, newest first, with the status the provider last reported.");
    }

    /// <summary>The rendered HTML of a template with sample data, framed by the preview page (its own, stricter policy).</summary>
    public static void MapEmailPreview(this WebApplication app) =>
        app.MapGet("/admin/email-preview/{kind}", Results<ContentHttpResult, NotFound> (string kind, EmailTemplates templates) =>
            NotificationKinds.FromSlug(kind) is { } info && TemplatePreview.Render(templates, info) is var preview
                ? TypedResults.Content(preview.Html ?? $"<p>{System.Net.WebUtility.HtmlEncode(preview.Error)}</p>", "text/html; charset=utf-8")
                : TypedResults.NotFound())
            .RequireAuthorization(Policies.Admin).ExcludeFromDescription();
}

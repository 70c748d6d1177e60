using System.Security.Claims;
using System.Text.Json.Serialization;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Modules.Webhooks.Data;

namespace Shop.Web.Modules.Webhooks.Manage;

/// <summary>
/// Whose endpoints a request sees: admins share the marketplace-wide endpoints, a seller sees only
/// its own. Anything outside reads as not found.
/// </summary>
public sealed record WebhookOwner(Guid UserId, WebhookScope Scope)
{
    /// <summary>Through the API an admin manages the marketplace's endpoints, anyone else (a seller) its own.</summary>
    public static WebhookOwner Of(ClaimsPrincipal user) => new(user.UserId(), user.IsInRole(Roles.Admin) ? WebhookScope.Admin : WebhookScope.Seller);

    internal IQueryable<WebhookEndpoint> Visible(IQueryable<WebhookEndpoint> endpoints) => Scope == WebhookScope.Admin
        ? endpoints.Where(e => e.Scope == WebhookScope.Admin)
        : endpoints.Where(e => e.Scope == WebhookScope.Seller && e.OwnerId == UserId);
}

/// <summary>What an endpoint is and which events it wants.</summary>
public sealed class WebhookRequest
{
    /// <summary>An http or https URL that answers POST requests from the internet.</summary>
    public string Url { get; set; } = "";

    /// <summary>Event types to receive, e.g. order.placed (GET /api/v1/webhooks/event-types lists them).</summary>
    public List<string> Events { get; set; } = [];

    public string? Description { get; set; }
}

public sealed record EndpointView(
    Guid Id, string Url, string? Description, IReadOnlyList<string> Events, EndpointStatus Status, string? DisabledReason,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    /// <summary>The signing secret: only in the answer that created or rotated it, never again.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Secret { get; init; }

    internal static EndpointView From(WebhookEndpoint e) =>
        new(e.Id, e.Url, e.Description, e.Events, e.Status, e.DisabledReason, e.CreatedAt, e.UpdatedAt);
}

public sealed record AttemptView(int Number, DateTimeOffset AttemptedAt, int? StatusCode, int LatencyMs, string? ResponseExcerpt, string? Error, bool Succeeded);

public sealed record DeliveryView(
    Guid Id, string EventType, DeliveryStatus Status, int AttemptCount, DateTimeOffset CreatedAt, DateTimeOffset? NextAttemptAt,
    DateTimeOffset? CompletedAt, int? LastStatusCode, string? LastError, Guid? ReplayOf, string Body, IReadOnlyList<AttemptView> Attempts)
{
    internal static DeliveryView From(WebhookDelivery d) => new(
        d.Id, d.EventType, d.Status, d.AttemptCount, d.CreatedAt, d.Status == DeliveryStatus.Pending ? d.NextAttemptAt : null, d.CompletedAt,
        d.LastStatusCode, d.LastError, d.ReplayOf, d.Body,
        d.Attempts.OrderByDescending(a => a.Number)
            .Select(a => new AttemptView(a.Number, a.AttemptedAt, a.StatusCode, a.LatencyMs, a.ResponseExcerpt, a.Error, a.Succeeded)).ToList());
}

using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Modules.Webhooks.Contracts;
using Shop.Web.Modules.Webhooks.DeliveryHistory;
using Shop.Web.Platform.Api;
using Shop.Web.Platform.Security;

namespace Shop.Web.Modules.Webhooks.Manage;

public static class WebhookApi
{
    /// <summary>One set of routes for admins (the marketplace's endpoints) and sellers (their own); others' endpoints answer 404.</summary>
    public static void MapWebhookEndpoints(this RouteGroupBuilder api)
    {
        var hooks = api.MapGroup("/webhooks").WithTags("Webhooks").RequireAuthorization(Policies.Seller).Access(Callers.Sellers, Objects.Own);

        hooks.MapGet("/event-types", Ok<IReadOnlyList<string>> () => TypedResults.Ok(WebhookEventTypes.All))
            .WithName("WebhookEventTypes").WithSummary("The event types an endpoint can subscribe to.");

        hooks.MapGet("/", async Task<Ok<IReadOnlyList<EndpointView>>> (ClaimsPrincipal user, WebhookManagement webhooks) =>
            TypedResults.Ok(await webhooks.ListAsync(WebhookOwner.Of(user))))
            .WithName("ListWebhookEndpoints").WithSummary("Your endpoints (an admin's: the marketplace's).");

        hooks.MapPost("/", async Task<Created<EndpointView>> (WebhookRequest request, ClaimsPrincipal user, WebhookManagement webhooks) =>
        {
            var endpoint = await webhooks.CreateAsync(WebhookOwner.Of(user), request);
            return TypedResults.Created($"/api/v1/webhooks/{endpoint.Id}", endpoint);
        }).WithName("CreateWebhookEndpoint").WithSummary("Register an endpoint; the answer holds its signing secret, shown this once.");

        hooks.MapGet("/{id:guid}", async Task<Results<Ok<EndpointView>, NotFound>> (Guid id, ClaimsPrincipal user, WebhookManagement webhooks) =>
            Found(await webhooks.GetAsync(WebhookOwner.Of(user), id)))
            .WithName("GetWebhookEndpoint");

        hooks.MapPut("/{id:guid}", async Task<Results<Ok<EndpointView>, NotFound>> (Guid id, WebhookRequest request, ClaimsPrincipal user, WebhookManagement webhooks) =>
            Found(await webhooks.UpdateAsync(WebhookOwner.Of(user), id, request)))
            .WithName("UpdateWebhookEndpoint").WithSummary("Change the URL, events or description.");

        hooks.MapDelete("/{id:guid}", async Task<Results<NoContent, NotFound>> (Guid id, ClaimsPrincipal user, WebhookManagement webhooks) =>
            await webhooks.DeleteAsync(WebhookOwner.Of(user), id) ? TypedResults.NoContent() : TypedResults.NotFound())
            .WithName("DeleteWebhookEndpoint").WithSummary("Remove the endpoint with its deliveries and their log.");

        hooks.MapPost("/{id:guid}/pause", async Task<Results<Ok<EndpointView>, NotFound>> (Guid id, ClaimsPrincipal user, WebhookManagement webhooks) =>
            Found(await webhooks.PauseAsync(WebhookOwner.Of(user), id)))
            .WithName("PauseWebhookEndpoint").WithSummary("Hold deliveries; they wait until the endpoint resumes.");

        hooks.MapPost("/{id:guid}/resume", async Task<Results<Ok<EndpointView>, NotFound>> (Guid id, ClaimsPrincipal user, WebhookManagement webhooks) =>
            Found(await webhooks.ResumeAsync(WebhookOwner.Of(user), id)))
            .WithName("ResumeWebhookEndpoint").WithSummary("Send again (also after an automatic disable), starting with what waited.");

        hooks.MapPost("/{id:guid}/rotate-secret", async Task<Results<Ok<EndpointView>, NotFound>> (Guid id, ClaimsPrincipal user, WebhookManagement webhooks) =>
            Found(await webhooks.RotateSecretAsync(WebhookOwner.Of(user), id)))
            .WithName("RotateWebhookSecret").WithSummary("Replace the signing secret; the answer holds the new one, shown this once.");

        hooks.MapGet("/{id:guid}/deliveries", async Task<Results<Ok<Paged<DeliveryView>>, NotFound>> (Guid id, [AsParameters] PageRequest page, ClaimsPrincipal user,
                DeliveryLog log) => Found(await log.ListAsync(WebhookOwner.Of(user), id, page)))
            .WithName("ListWebhookDeliveries").WithSummary("The endpoint's deliveries, newest first, each with every attempt.");

        hooks.MapPost("/deliveries/{id:guid}/replay", async Task<Results<Accepted<DeliveryView>, NotFound>> (Guid id, ClaimsPrincipal user, DeliveryLog log) =>
            await log.ReplayAsync(WebhookOwner.Of(user), id) is { } replay ? TypedResults.Accepted((string?)null, replay) : TypedResults.NotFound())
            .WithName("ReplayWebhookDelivery").WithSummary("Send a delivery's event again as a new delivery, also after it was given up.");
    }

    private static Results<Ok<T>, NotFound> Found<T>(T? value) where T : class => value is null ? TypedResults.NotFound() : TypedResults.Ok(value);
}

using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Platform.Security;

namespace Shop.Web.Modules.Notifications.Push;

public sealed record PushKeyResponse(string PublicKey);

public static class PushEndpoints
{
    public static void MapPushEndpoints(this RouteGroupBuilder api)
    {
        var push = api.MapGroup("/notifications/push").WithTags("Notifications").RequireAuthorization();
        push.MapGet("/key", async Task<Ok<PushKeyResponse>> (PushKeys keys, CancellationToken cancellationToken) =>
                TypedResults.Ok(new PushKeyResponse(await keys.PublicKeyAsync(cancellationToken))))
            .Access(Callers.SignedIn)
            .WithName("PushApplicationServerKey").WithSummary("The shop's VAPID public key, the applicationServerKey a browser subscribes with.");
        push.MapGet("/devices", async Task<Ok<IReadOnlyList<PushDeviceView>>> (ClaimsPrincipal user, PushDevices devices, CancellationToken cancellationToken) =>
                TypedResults.Ok(await devices.ListAsync(user.UserId(), cancellationToken)))
            .Access(Callers.SignedIn, Objects.Own)
            .WithName("PushDevices").WithSummary("The devices the user turned push notifications on for.");
        push.MapPost("/devices", async Task<Created<PushDeviceView>> (PushSubscriptionRequest request, ClaimsPrincipal user, HttpRequest http, PushDevices devices,
                CancellationToken cancellationToken) =>
            {
                var device = await devices.AddAsync(user.UserId(), request, http.Headers.UserAgent, cancellationToken);
                return TypedResults.Created($"/api/v1/notifications/push/devices/{device.Id}", device);
            })
            .Access(Callers.SignedIn, Objects.Own)
            .WithName("AddPushDevice").WithSummary("Turn push notifications on for this browser: send its PushSubscription as toJSON() gives it (400 for a push service the shop does not use).");
        push.MapDelete("/devices/{id:guid}", async Task<Results<NoContent, NotFound>> (Guid id, ClaimsPrincipal user, PushDevices devices, CancellationToken cancellationToken) =>
                await devices.RemoveAsync(user.UserId(), id, cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound())
            .Access(Callers.SignedIn, Objects.Own)
            .WithName("RemovePushDevice").WithSummary("Turn push notifications off for one of the user's devices (404 when it is not theirs).");
        push.MapDelete("/devices", async Task<Results<NoContent, NotFound>> (string? endpoint, ClaimsPrincipal user, PushDevices devices, CancellationToken cancellationToken) =>
                await devices.RemoveAsync(user.UserId(), endpoint, cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound())
            .Access(Callers.SignedIn, Objects.Own)
            .WithName("RemovePushEndpoint").WithSummary("Turn push notifications off for the browser whose subscription endpoint is given (404 when it is not the user's).");
    }
}

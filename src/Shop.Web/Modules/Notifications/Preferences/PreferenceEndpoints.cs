using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Shop.Web.Platform.Security;

namespace Shop.Web.Modules.Notifications.Preferences;

public static class PreferenceEndpoints
{
    public static void MapPreferenceEndpoints(this RouteGroupBuilder api)
    {
        var preferences = api.MapGroup("/notifications/preferences").WithTags("Notifications").RequireAuthorization().Access(Callers.SignedIn, Objects.Own);
        preferences.MapGet("/", async Task<Ok<IReadOnlyList<PreferenceView>>> (ClaimsPrincipal user, NotificationPreferences service) =>
            TypedResults.Ok(await service.ListAsync(user)))
            .WithName("NotificationPreferences").WithSummary("Every kind of notification the user can receive, and whether it comes by email and in the app.");
        preferences.MapPut("/", async Task<Ok<IReadOnlyList<PreferenceView>>> (PreferencesRequest request, ClaimsPrincipal user, NotificationPreferences service) =>
        {
            await service.SaveAsync(user, request.Preferences);
            return TypedResults.Ok(await service.ListAsync(user));
        }).WithName("SetNotificationPreferences").WithSummary("Turn optional notifications on or off; security and order messages are always sent (400).");
    }
}

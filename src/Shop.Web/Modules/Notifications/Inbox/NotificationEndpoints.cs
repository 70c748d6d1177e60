using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Platform.Api;
using Shop.Web.Platform.Security;

namespace Shop.Web.Modules.Notifications.Inbox;

public static class NotificationEndpoints
{
    public static void MapNotificationEndpoints(this RouteGroupBuilder api)
    {
        var mine = api.MapGroup("/notifications").WithTags("Notifications").RequireAuthorization().Access(Callers.SignedIn, Objects.Own);
        mine.MapGet("/", async Task<Ok<NotificationList>> ([AsParameters] PageRequest page, ClaimsPrincipal user, NotificationCentre centre) =>
            TypedResults.Ok(await centre.ListAsync(user.UserId(), page)))
            .WithName("MyNotifications").WithSummary("The signed-in user's notifications, newest first, with the unread count.");
        mine.MapPost("/{id:guid}/read", async Task<Results<Ok<MarkedRead>, NotFound>> (Guid id, ClaimsPrincipal user, NotificationCentre centre) =>
            await centre.MarkReadAsync(user.UserId(), id) is null ? TypedResults.NotFound()
                : TypedResults.Ok(new MarkedRead(await centre.UnreadCountAsync(user.UserId()))))
            .WithName("MarkNotificationRead");
        mine.MapPost("/read-all", async Task<Ok<MarkedRead>> (ClaimsPrincipal user, NotificationCentre centre) =>
        {
            await centre.MarkAllReadAsync(user.UserId());
            return TypedResults.Ok(new MarkedRead(0));
        }).WithName("MarkAllNotificationsRead");
    }
}

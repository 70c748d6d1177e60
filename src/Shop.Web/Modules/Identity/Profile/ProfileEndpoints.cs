using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Modules.Identity.SignIn;
using Shop.Web.Platform.Security;

namespace Shop.Web.Modules.Identity.Profile;

public static class ProfileEndpoints
{
    public static void MapProfileEndpoints(this RouteGroupBuilder api)
    {
        var me = api.MapGroup("/me").WithTags("Me").RequireAuthorization().Access(Callers.SignedIn, Objects.Own);

        me.MapGet("/", async Task<Ok<ProfileResponse>> (ClaimsPrincipal user, AccountProfile profile) =>
            TypedResults.Ok(await profile.GetAsync(user.UserId())))
            .WithName("GetProfile").WithSummary("The signed-in user's profile.");

        me.MapPut("/", async Task<Ok<ProfileResponse>> (UpdateProfileRequest request, ClaimsPrincipal user, AccountProfile profile) =>
            TypedResults.Ok(await profile.UpdateAsync(user.UserId(), request)))
            .WithName("UpdateProfile").WithSummary("Change name and phone.");

        me.MapPost("/change-email", async Task<Accepted<AcceptedMessage>> (ChangeEmailRequest request, ClaimsPrincipal user, AccountProfile profile) =>
        {
            await profile.RequestEmailChangeAsync(user.UserId(), request);
            return TypedResults.Accepted((string?)null, new AcceptedMessage("A confirmation link was sent to the new address. Your email changes once it is opened."));
        }).WithName("ChangeEmail").WithSummary("Start an email change; it takes effect when the link sent to the new address is opened.");

        me.MapPost("/change-password", async Task<NoContent> (ChangePasswordRequest request, ClaimsPrincipal user, AccountProfile profile) =>
        {
            await profile.ChangePasswordAsync(user.UserId(), request);
            return TypedResults.NoContent();
        }).WithName("ChangePassword").WithSummary("Change the password; every other session and refresh token stops working.");
    }
}

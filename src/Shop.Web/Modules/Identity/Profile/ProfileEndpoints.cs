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

        me.MapPost("/phone/code", async Task<Accepted<PhoneCodeSent>> (PhoneCodeRequest request, ClaimsPrincipal user, PhoneVerification phone,
                CancellationToken cancellationToken) =>
            TypedResults.Accepted((string?)null, await phone.SendCodeAsync(user.UserId(), request, cancellationToken)))
            .WithName("SendPhoneCode").WithSummary("Text a 6-digit code to a mobile number (E.164, or Indian without +91) to confirm it (400 for a bad number, 429 after too many codes).");

        me.MapPost("/phone/confirm", async Task<Ok<ProfileResponse>> (PhoneConfirmation confirmation, ClaimsPrincipal user, PhoneVerification phone, AccountProfile profile) =>
            {
                await phone.ConfirmAsync(user.UserId(), confirmation);
                return TypedResults.Ok(await profile.GetAsync(user.UserId()));
            })
            .WithName("ConfirmPhone").WithSummary("Enter the texted code: the number becomes the account's, confirmed, and other sessions end (400 for a wrong or expired code).");

        me.MapPost("/change-password", async Task<NoContent> (ChangePasswordRequest request, ClaimsPrincipal user, AccountProfile profile) =>
        {
            await profile.ChangePasswordAsync(user.UserId(), request);
            return TypedResults.NoContent();
        }).WithName("ChangePassword").WithSummary("Change the password; every other session and refresh token stops working.");
    }
}

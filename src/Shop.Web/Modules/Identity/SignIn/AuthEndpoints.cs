using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Shop.Web.Modules.Identity.Auth;
using Shop.Web.Modules.Identity.Data;
using Shop.Web.Modules.Identity.PasswordReset;
using Shop.Web.Modules.Identity.Profile;
using Shop.Web.Modules.Identity.Registration;
using Shop.Web.Platform.Security;

namespace Shop.Web.Modules.Identity.SignIn;

public sealed record AcceptedMessage(string Message);

public static class AuthEndpoints
{
    private static readonly AcceptedMessage CheckInbox = new("If the address can be used, an email with a link is on its way. Check your inbox.");

    public static void MapAuthEndpoints(this RouteGroupBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("Auth").AllowAnonymous().Access(Callers.Anyone).RequireRateLimiting(RateLimitPolicies.Authentication);

        auth.MapPost("/register", async Task<Accepted<AcceptedMessage>> (RegisterRequest request, AccountRegistration registration) =>
        {
            await registration.RegisterAsync(request);
            return TypedResults.Accepted((string?)null, CheckInbox);
        }).WithName("Register").WithSummary("Create a customer account; a confirmation link is emailed. Answers the same whether or not the email is taken.");

        auth.MapPost("/confirm-email", async Task<NoContent> (ConfirmEmailRequest request, AccountRegistration registration) =>
        {
            await registration.ConfirmEmailAsync(request);
            return TypedResults.NoContent();
        }).WithName("ConfirmEmail").WithSummary("Confirm an email address with the userId and code from the emailed link.");

        auth.MapPost("/resend-confirmation", async Task<Accepted<AcceptedMessage>> (EmailRequest request, AccountRegistration registration) =>
        {
            await registration.ResendConfirmationAsync(request);
            return TypedResults.Accepted((string?)null, CheckInbox);
        }).WithName("ResendConfirmation").WithSummary("Email a new confirmation link to an unconfirmed account.");

        auth.MapPost("/login", async Task<Ok<TokenPair>> (LoginRequest request, ApiSignIn signIn) =>
            TypedResults.Ok(await signIn.SignInAsync(request)))
            .WithName("Login").WithSummary("Exchange credentials (and a two-factor code when enabled) for an access token and a refresh token.");

        auth.MapPost("/refresh", async Task<Ok<TokenPair>> (RefreshRequest request, ApiTokens tokens) =>
            TypedResults.Ok(await tokens.RefreshAsync(request.RefreshToken)
                ?? throw new AuthenticationFailedException("invalid_refresh_token", "The refresh token is invalid, expired or was already used. Sign in again.")))
            .WithName("Refresh").WithSummary("Rotate a refresh token: the old one stops working; reusing it revokes the whole chain.");

        auth.MapPost("/logout", async Task<NoContent> (RefreshRequest request, ApiTokens tokens) =>
        {
            await tokens.RevokeFamilyAsync(request.RefreshToken);
            return TypedResults.NoContent();
        }).WithName("Logout").WithSummary("Revoke a refresh token and every token rotated from the same sign-in.");

        auth.MapPost("/forgot-password", async Task<Accepted<AcceptedMessage>> (EmailRequest request, PasswordRecovery recovery) =>
        {
            await recovery.RequestAsync(request);
            return TypedResults.Accepted((string?)null, CheckInbox);
        }).WithName("ForgotPassword").WithSummary("Email a single-use password reset link valid for one hour. Answers the same for unknown emails.");

        auth.MapPost("/reset-password", async Task<NoContent> (ResetPasswordRequest request, PasswordRecovery recovery) =>
        {
            await recovery.ResetAsync(request);
            return TypedResults.NoContent();
        }).WithName("ResetPassword").WithSummary("Set a new password with the userId and code from the reset link.");

        auth.MapPost("/confirm-email-change", async Task<NoContent> (ConfirmEmailChangeRequest request, AccountProfile profile) =>
        {
            await profile.ConfirmEmailChangeAsync(request);
            return TypedResults.NoContent();
        }).WithName("ConfirmEmailChange").WithSummary("Switch the account to its new email with the code sent there.");
    }

    /// <summary>The web sign-out: a form post (so it carries an anti-forgery token) that ends the cookie session.</summary>
    public static void MapSignOut(this WebApplication app) =>
        app.MapPost("/account/sign-out", async Task<RedirectHttpResult> (SignInManager<ShopUser> signIn, [FromForm] string? returnUrl) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.Redirect(LocalUrl.OrHome(returnUrl));
        }).AllowAnonymous().ExcludeFromDescription();
}

using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Shop.Web.Modules.Identity.Auth;
using Shop.Web.Modules.Identity.Data;

namespace Shop.Web.Modules.Identity.SignIn;

public sealed class LoginRequest
{
    [Required, EmailAddress, MaxLength(256)]
    public string Email { get; set; } = "";

    [Required, MaxLength(128)]
    public string Password { get; set; } = "";

    /// <summary>The authenticator app's current code, for accounts with two-factor sign-in.</summary>
    [MaxLength(16)]
    public string? TwoFactorCode { get; set; }

    /// <summary>A one-time recovery code, instead of <see cref="TwoFactorCode"/>.</summary>
    [MaxLength(32)]
    public string? RecoveryCode { get; set; }
}

public sealed class RefreshRequest
{
    [Required, MaxLength(128)]
    public string RefreshToken { get; set; } = "";
}

/// <summary>Sign-in for API clients: credentials (and a second factor when enabled) for a token pair.</summary>
public sealed class ApiSignIn(UserManager<ShopUser> users, SignInManager<ShopUser> signIn, ApiTokens tokens, AccountThrottle throttle)
{
    public async Task<TokenPair> SignInAsync(LoginRequest request)
    {
        await throttle.AttemptAsync("sign-in", request.Email);
        var user = await users.FindByEmailAsync(request.Email.Trim()) ?? throw AuthenticationFailedException.InvalidCredentials();
        var result = await signIn.CheckPasswordSignInAsync(user, request.Password, lockoutOnFailure: true);
        SignInOutcome.ThrowUnlessSucceeded(result);

        if (user.TwoFactorEnabled && !await SecondFactorAsync(user, request))
            throw new AuthenticationFailedException("two_factor_required",
                "This account uses two-factor sign-in: send the authenticator app's code as twoFactorCode, or a recovery code as recoveryCode.");
        return await tokens.IssueAsync(user);
    }

    private async Task<bool> SecondFactorAsync(ShopUser user, LoginRequest request)
    {
        if (!string.IsNullOrWhiteSpace(request.TwoFactorCode))
            return await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, TwoFactorCodes.Authenticator(request.TwoFactorCode));
        if (!string.IsNullOrWhiteSpace(request.RecoveryCode))
            return (await users.RedeemTwoFactorRecoveryCodeAsync(user, TwoFactorCodes.Recovery(request.RecoveryCode))).Succeeded;
        return false;
    }
}

internal static class SignInOutcome
{
    /// <summary>The reason a password sign-in failed, worded for the person signing in.</summary>
    public static void ThrowUnlessSucceeded(Microsoft.AspNetCore.Identity.SignInResult result)
    {
        if (result.IsLockedOut)
            throw new AuthenticationFailedException("locked_out", "Too many failed attempts: this account is locked for 15 minutes. You can reset your password meanwhile.");
        if (result.IsNotAllowed)
            throw new AuthenticationFailedException("deactivated", "This account has been deactivated. Please contact support.");
        if (!result.Succeeded && !result.RequiresTwoFactor)
            throw AuthenticationFailedException.InvalidCredentials();
    }
}

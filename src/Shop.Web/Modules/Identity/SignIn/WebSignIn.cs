using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Shop.Web.Modules.Identity.Auth;
using Shop.Web.Modules.Identity.Data;
using Shop.Web.Platform.Errors;

namespace Shop.Web.Modules.Identity.SignIn;

public sealed class SignInForm
{
    [Required, EmailAddress, MaxLength(256)]
    public string Email { get; set; } = "";

    [Required, MaxLength(128)]
    public string Password { get; set; } = "";

    public bool RememberMe { get; set; }
}

public sealed class SecondFactorForm
{
    [Required(ErrorMessage = "Enter the code."), MaxLength(32), Display(Name = "Code")]
    public string Code { get; set; } = "";

    public bool RememberMachine { get; set; }
}

/// <summary>Sign-in for the web pages: the cookie session, with the second step for two-factor accounts.</summary>
public sealed class WebSignIn(SignInManager<ShopUser> signIn, AccountThrottle throttle)
{
    /// <summary>Checks the password and signs in; returns true when a second factor is still needed.</summary>
    public async Task<bool> SignInAsync(SignInForm form)
    {
        await throttle.AttemptAsync("sign-in", form.Email);
        var result = await signIn.PasswordSignInAsync(form.Email.Trim(), form.Password, form.RememberMe, lockoutOnFailure: true);
        SignInOutcome.ThrowUnlessSucceeded(result);
        return result.RequiresTwoFactor;
    }

    public async Task SecondFactorAsync(SecondFactorForm form, bool rememberMe, bool recoveryCode)
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
            throw new ConflictException("two_factor.expired", "Your sign-in took too long. Please sign in again.");
        var result = recoveryCode
            ? await signIn.TwoFactorRecoveryCodeSignInAsync(TwoFactorCodes.Recovery(form.Code))
            : await signIn.TwoFactorAuthenticatorSignInAsync(TwoFactorCodes.Authenticator(form.Code), rememberMe, form.RememberMachine);
        if (result.IsLockedOut || result.IsNotAllowed)
            SignInOutcome.ThrowUnlessSucceeded(result);
        if (!result.Succeeded)
            throw new InputValidationException(nameof(SecondFactorForm.Code), recoveryCode ? "That recovery code is not valid or was already used." : "That code is not right. Enter the code your app shows now.");
    }

    public Task SignOutAsync() => signIn.SignOutAsync();
}

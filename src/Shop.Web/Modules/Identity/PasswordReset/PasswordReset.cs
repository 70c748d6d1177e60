using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Shop.Web.Modules.Identity.Auth;
using Shop.Web.Modules.Identity.Data;
using Shop.Web.Modules.Identity.Emails;
using Shop.Web.Modules.Identity.Registration;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Errors;
using Shop.Web.Platform.Localization;
using Shop.Web.Platform.Outbox;

namespace Shop.Web.Modules.Identity.PasswordReset;

public sealed class ResetPasswordRequest
{
    [Required]
    public Guid UserId { get; set; }

    [Required]
    public string Code { get; set; } = "";

    [Required, MaxLength(128), Display(Name = "New password")]
    public string NewPassword { get; set; } = "";
}

/// <summary>
/// Forgotten passwords: a single-use, one-hour link by email. Asking answers the same way whether
/// or not the email has an account.
/// </summary>
public sealed class PasswordRecovery(UserManager<ShopUser> users, ShopDbContext db, IOutbox outbox, AccountThrottle throttle, ApiTokens tokens)
{
    public async Task RequestAsync(EmailRequest request)
    {
        await throttle.AttemptAsync("password-reset", request.Email);
        if (await users.FindByEmailAsync(request.Email.Trim()) is { } user)
        {
            outbox.Add(new PasswordResetRequested(user.Id, ShopLanguages.Current.Culture));
            await db.SaveChangesAsync();
        }
    }

    public async Task ResetAsync(ResetPasswordRequest request)
    {
        var user = await users.FindByIdAsync(request.UserId.ToString());
        var token = EmailTokens.Decode(request.Code);
        if (user is null || token is null)
            throw InvalidLink();
        var result = await users.ResetPasswordAsync(user, token, request.NewPassword);
        if (result.Errors.Any(e => e.Code == "InvalidToken"))
            throw InvalidLink();
        result.ThrowIfFailed(nameof(ResetPasswordRequest.NewPassword));

        // The password changed (and with it the security stamp): every other session ends.
        await tokens.RevokeAllAsync(user.Id);
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
    }

    private static InputValidationException InvalidLink() =>
        new("Code", "This reset link is invalid, has expired or was already used. Ask for a new one.");
}

using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Shop.Web.Modules.Identity.Auth;
using Shop.Web.Modules.Identity.Data;
using Shop.Web.Modules.Identity.Emails;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Errors;
using Shop.Web.Platform.Localization;
using Shop.Web.Platform.Outbox;

namespace Shop.Web.Modules.Identity.Profile;

/// <param name="PhoneConfirmed">The user proved <paramref name="Phone"/> with a texted code; only then does it get text messages.</param>
public sealed record ProfileResponse(Guid Id, string Email, bool EmailConfirmed, string Name, string? Phone, bool TwoFactorEnabled, IReadOnlyList<string> Roles,
    bool PhoneConfirmed);

public sealed class UpdateProfileRequest
{
    [Required, MaxLength(100), Display(Name = "Name")]
    public string Name { get; set; } = "";

    [Phone, MaxLength(20), Display(Name = "Phone")]
    public string? Phone { get; set; }
}

public sealed class ChangeEmailRequest
{
    [Required, EmailAddress, MaxLength(256), Display(Name = "New email")]
    public string NewEmail { get; set; } = "";
}

public sealed class ConfirmEmailChangeRequest
{
    [Required]
    public Guid UserId { get; set; }

    [Required, EmailAddress, MaxLength(256)]
    public string Email { get; set; } = "";

    [Required]
    public string Code { get; set; } = "";
}

public sealed class ChangePasswordRequest
{
    [Required, MaxLength(128), Display(Name = "Current password")]
    public string CurrentPassword { get; set; } = "";

    [Required, MaxLength(128), Display(Name = "New password")]
    public string NewPassword { get; set; } = "";
}

/// <summary>A user's own profile: name and phone, email change with re-confirmation, password change.</summary>
public sealed class AccountProfile(UserManager<ShopUser> users, ShopDbContext db, IOutbox outbox, ApiTokens tokens)
{
    public async Task<ProfileResponse> GetAsync(Guid userId)
    {
        var user = await FindAsync(userId);
        return new ProfileResponse(user.Id, user.Email!, user.EmailConfirmed, user.DisplayName, user.PhoneNumber, user.TwoFactorEnabled,
            (await users.GetRolesAsync(user)).Order().ToList(), user.PhoneNumberConfirmed);
    }

    public async Task<ProfileResponse> UpdateAsync(Guid userId, UpdateProfileRequest request)
    {
        var user = await FindAsync(userId);
        user.DisplayName = request.Name.Trim();
        var phone = string.IsNullOrWhiteSpace(request.Phone) ? null : request.Phone.Trim();
        if (phone != user.PhoneNumber)
        {
            user.PhoneNumber = phone;
            user.PhoneNumberConfirmed = false;
        }
        (await users.UpdateAsync(user)).ThrowIfFailed();
        return await GetAsync(userId);
    }

    /// <summary>Sends a confirmation link to the new address; the account keeps its email until it is opened.</summary>
    public async Task RequestEmailChangeAsync(Guid userId, ChangeEmailRequest request)
    {
        var user = await FindAsync(userId);
        var newEmail = request.NewEmail.Trim();
        if (string.Equals(newEmail, user.Email, StringComparison.OrdinalIgnoreCase))
            throw new InputValidationException(nameof(ChangeEmailRequest.NewEmail), "This is already your email address.");
        // An address taken by another account gets no mail, and the caller is told nothing different.
        if (await users.FindByEmailAsync(newEmail) is null)
        {
            outbox.Add(new EmailChangeRequested(user.Id, newEmail, ShopLanguages.Current.Culture));
            await db.SaveChangesAsync();
        }
    }

    public async Task ConfirmEmailChangeAsync(ConfirmEmailChangeRequest request)
    {
        var user = await users.FindByIdAsync(request.UserId.ToString());
        var token = EmailTokens.Decode(request.Code);
        if (user is null || token is null)
            throw InvalidLink();
        var result = await users.ChangeEmailAsync(user, request.Email.Trim(), token);
        if (result.Errors.Any(e => e.Code == "InvalidToken"))
            throw InvalidLink();
        result.ThrowIfFailed();
        (await users.SetUserNameAsync(user, user.Email)).ThrowIfFailed();
    }

    public async Task ChangePasswordAsync(Guid userId, ChangePasswordRequest request)
    {
        var user = await FindAsync(userId);
        var result = await users.ChangePasswordAsync(user, request.CurrentPassword, request.NewPassword);
        if (result.Errors.Any(e => e.Code == "PasswordMismatch"))
            throw new InputValidationException(nameof(ChangePasswordRequest.CurrentPassword), "The current password is not correct.");
        result.ThrowIfFailed(nameof(ChangePasswordRequest.NewPassword));
        await tokens.RevokeAllAsync(user.Id);
    }

    private async Task<ShopUser> FindAsync(Guid userId) =>
        await users.FindByIdAsync(userId.ToString()) ?? throw new InvalidOperationException($"User {userId} is signed in but does not exist.");

    private static InputValidationException InvalidLink() =>
        new("Code", "This link is invalid or has expired. Ask for the email change again.");
}

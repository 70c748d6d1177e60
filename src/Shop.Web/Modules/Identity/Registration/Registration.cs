using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Shop.Web.Modules.Identity.Auth;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Modules.Identity.Data;
using Shop.Web.Modules.Identity.Emails;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Errors;
using Shop.Web.Platform.Localization;
using Shop.Web.Platform.Outbox;

namespace Shop.Web.Modules.Identity.Registration;

public sealed class RegisterRequest
{
    [Required, EmailAddress, MaxLength(256)]
    public string Email { get; set; } = "";

    [Required, MaxLength(128)]
    public string Password { get; set; } = "";

    [Required, MaxLength(100), Display(Name = "Your name")]
    public string Name { get; set; } = "";
}

public sealed class ConfirmEmailRequest
{
    [Required]
    public Guid UserId { get; set; }

    [Required]
    public string Code { get; set; } = "";
}

public sealed class EmailRequest
{
    [Required, EmailAddress, MaxLength(256)]
    public string Email { get; set; } = "";
}

/// <summary>
/// Sign-up and email confirmation. Whether or not the email already has an account, registration
/// answers the same way (the owner of an existing account is told by email instead), so nobody
/// can find out who has an account here.
/// </summary>
public sealed class AccountRegistration(
    UserManager<ShopUser> users,
    ShopDbContext db,
    IOutbox outbox,
    AccountThrottle throttle,
    TimeProvider clock)
{
    public async Task RegisterAsync(RegisterRequest request)
    {
        await throttle.AttemptAsync("register", request.Email);
        var user = ShopUser.Create(request.Email.Trim(), request.Name, clock.GetUtcNow());
        // Password rules first: refusing a weak password must not depend on whether the email exists.
        foreach (var validator in users.PasswordValidators)
            (await validator.ValidateAsync(users, user, request.Password)).ThrowIfFailed();

        if (await users.FindByEmailAsync(user.Email!) is { } existing)
        {
            outbox.Add(new RegistrationAttemptedForExistingAccount(existing.Id, ShopLanguages.Current.Culture));
            await db.SaveChangesAsync();
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        try
        {
            var created = await users.CreateAsync(user, request.Password);
            if (created.Errors.Any(e => e.Code is "DuplicateEmail" or "DuplicateUserName"))
                return; // registered a moment ago by a concurrent request: same answer as for an existing account
            created.ThrowIfFailed();
            (await users.AddToRoleAsync(user, Roles.Customer)).ThrowIfFailed();
            outbox.Add(new EmailConfirmationRequested(user.Id, ShopLanguages.Current.Culture));
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Registered a moment ago by a concurrent request: same answer as for an existing account.
        }
    }

    public async Task ConfirmEmailAsync(ConfirmEmailRequest request)
    {
        var user = await users.FindByIdAsync(request.UserId.ToString()) ?? throw InvalidLink();
        if (user.EmailConfirmed)
            return;
        var result = await users.ConfirmEmailAsync(user, EmailTokens.Decode(request.Code) ?? throw InvalidLink());
        if (!result.Succeeded)
            throw InvalidLink();
    }

    public async Task ResendConfirmationAsync(EmailRequest request)
    {
        await throttle.AttemptAsync("confirmation", request.Email);
        if (await users.FindByEmailAsync(request.Email.Trim()) is { EmailConfirmed: false } user)
        {
            outbox.Add(new EmailConfirmationRequested(user.Id, ShopLanguages.Current.Culture));
            await db.SaveChangesAsync();
        }
    }

    private static InputValidationException InvalidLink() =>
        new("Code", "This confirmation link is invalid or has expired. Ask for a new one.");
}

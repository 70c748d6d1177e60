using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Shop.Web.Platform.Localization;

namespace Shop.Web.Modules.Identity.Auth;

/// <summary>
/// Identity's refusals in the reader's language: the ones a customer can meet when signing up, resetting a password or
/// changing an email or password. Role and login errors only staff or code meet keep Identity's English.
/// </summary>
public sealed class LocalizedIdentityErrors(IStringLocalizer<Strings> T) : IdentityErrorDescriber
{
    public override IdentityError DefaultError() => Error(nameof(DefaultError), T["Something went wrong. Please try again."]);

    public override IdentityError ConcurrencyFailure() =>
        Error(nameof(ConcurrencyFailure), T["Your account was changed elsewhere at the same time. Please try again."]);

    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), T["The password is not correct."]);

    public override IdentityError InvalidToken() => Error(nameof(InvalidToken), T["This link or code is invalid or has expired."]);

    public override IdentityError RecoveryCodeRedemptionFailed() =>
        Error(nameof(RecoveryCodeRedemptionFailed), T["That recovery code is not valid or was already used."]);

    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), T["“{0}” is not a valid email address.", email ?? ""]);

    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), T["“{0}” already belongs to another account.", email]);

    // The user name is the email address, so its errors read as the email's.
    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidUserName), T["“{0}” is not a valid email address.", userName ?? ""]);

    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), T["“{0}” already belongs to another account.", userName]);

    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), T["The password must be at least {0} characters long.", length]);

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) =>
        Error(nameof(PasswordRequiresUniqueChars), T["The password must use at least {0} different characters.", uniqueChars]);

    private static IdentityError Error(string code, string description) => new() { Code = code, Description = description };
}

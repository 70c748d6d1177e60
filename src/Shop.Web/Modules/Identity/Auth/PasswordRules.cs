using System.Reflection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Shop.Web.Modules.Identity.Data;
using Shop.Web.Platform.Localization;

namespace Shop.Web.Modules.Identity.Auth;

/// <summary>
/// Rules beyond Identity's length check: not a well-known password (list embedded from
/// common-passwords.txt, compared ignoring case and trailing digits and symbols), and not built
/// from the account's email address.
/// </summary>
public sealed class PasswordRules(IStringLocalizer<Strings> T) : IPasswordValidator<ShopUser>
{
    private static readonly HashSet<string> CommonPasswords = LoadCommonPasswords();

    public Task<IdentityResult> ValidateAsync(UserManager<ShopUser> manager, ShopUser user, string? password)
    {
        if (string.IsNullOrEmpty(password))
            return Task.FromResult(IdentityResult.Success);

        var lowered = password.ToLowerInvariant();
        var stem = lowered.TrimEnd("0123456789!@#$%^&*._-?".ToCharArray());
        if (CommonPasswords.Contains(lowered) || CommonPasswords.Contains(stem))
            return Failed("PasswordTooCommon", T["This password is too well known. Choose one that is hard to guess."]);

        var localPart = user.Email?.Split('@')[0].ToLowerInvariant() ?? "";
        if (localPart.Length >= 3 && lowered.Contains(localPart) || string.Equals(password, user.Email, StringComparison.OrdinalIgnoreCase))
            return Failed("PasswordContainsEmail", T["The password must not contain your email address."]);

        return Task.FromResult(IdentityResult.Success);
    }

    private static Task<IdentityResult> Failed(string code, string description) =>
        Task.FromResult(IdentityResult.Failed(new IdentityError { Code = code, Description = description }));

    private static HashSet<string> LoadCommonPasswords()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("CommonPasswords")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.ToLowerInvariant())
            .ToHashSet();
    }
}

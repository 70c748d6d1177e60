using Microsoft.AspNetCore.Identity;
using Shop.Web.Platform.Errors;

namespace Shop.Web.Modules.Identity.Auth;

internal static class IdentityResults
{
    /// <summary>Throws the failures of an Identity operation as field errors (password rules go to <paramref name="passwordField"/>).</summary>
    public static void ThrowIfFailed(this IdentityResult result, string passwordField = "Password")
    {
        if (result.Succeeded)
            return;
        var errors = result.Errors
            .GroupBy(e => e.Code switch
            {
                var code when code.StartsWith("Password", StringComparison.Ordinal) => passwordField,
                "InvalidEmail" or "DuplicateEmail" or "InvalidUserName" or "DuplicateUserName" => "Email",
                "InvalidToken" => "Code",
                _ => "",
            })
            .ToDictionary(g => g.Key, g => g.Select(e => e.Description).Distinct().ToArray());
        throw new InputValidationException(errors);
    }
}

using Shop.Web.Platform.Errors;

namespace Shop.Web.Modules.Identity.Auth;

/// <summary>Credentials or a token that do not let the caller in: 401 with the reason.</summary>
public sealed class AuthenticationFailedException(string code, string message) : DomainException(code, message)
{
    public override int StatusCode => StatusCodes.Status401Unauthorized;

    public static AuthenticationFailedException InvalidCredentials() => new("invalid_credentials", "Invalid email or password.");
}

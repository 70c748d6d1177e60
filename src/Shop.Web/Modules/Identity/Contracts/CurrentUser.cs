using System.Security.Claims;

namespace Shop.Web.Modules.Identity.Contracts;

public static class CurrentUser
{
    /// <summary>The signed-in user's id; throws when called for an anonymous request.</summary>
    public static Guid UserId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id)
            ? id
            : throw new InvalidOperationException("The request is not signed in.");
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Shop.Web.Modules.Identity.Auth;

/// <summary>
/// A token or cookie that <see cref="CurrentSessionCheck"/> turned anonymous (deactivated user,
/// changed password) still counts as "authenticated" to the framework, which would answer 403.
/// Such a caller is not signed in any more: answer as for one who never was (401 / sign-in page).
/// </summary>
internal sealed class ChallengeEndedSessions : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler standard = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && context.User.Identity?.IsAuthenticated != true)
            authorizeResult = PolicyAuthorizationResult.Challenge();
        return standard.HandleAsync(next, context, policy, authorizeResult);
    }
}

using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Shop.Web.Modules.Identity.Data;

namespace Shop.Web.Modules.Identity.Auth;

/// <summary>
/// Re-issues this browser's sign-in cookie after the user changed something that renews the
/// security stamp (password, authenticator), so the change ends other sessions but not this one.
/// Identity's RefreshSignInAsync cannot do it here: <see cref="CurrentSessionCheck"/> already
/// treats the old cookie as ended.
/// </summary>
public sealed class CookieSession(SignInManager<ShopUser> signIn, IHttpContextAccessor http)
{
    public async Task RenewAsync(Guid userId)
    {
        var context = http.HttpContext ?? throw new InvalidOperationException("No request to renew the cookie on.");
        var user = await signIn.UserManager.FindByIdAsync(userId.ToString());
        if (user is null)
            return;
        var current = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        await signIn.SignInAsync(user, current.Properties ?? new AuthenticationProperties());
    }
}

using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Shop.Web.Modules.Identity.Data;
using Shop.Web.Platform.Localization;

namespace Shop.Web.Modules.Identity.Auth;

/// <summary>Identity's sign-in manager, refusing deactivated accounts on every path (password, 2FA, refresh) and bringing the account's language to the browser.</summary>
public sealed class ShopSignInManager(
    UserManager<ShopUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<ShopUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<ShopUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<ShopUser> confirmation)
    : SignInManager<ShopUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(ShopUser user) => user.IsActive && await base.CanSignInAsync(user);

    public override async Task SignInWithClaimsAsync(ShopUser user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        await base.SignInWithClaimsAsync(user, authenticationProperties, additionalClaims);
        if (ShopLanguages.Find(user.Language) is { } language)
            ShopLanguages.Remember(Context.Response, language);
    }
}

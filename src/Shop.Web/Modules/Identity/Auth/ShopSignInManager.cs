using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Shop.Web.Modules.Identity.Data;

namespace Shop.Web.Modules.Identity.Auth;

/// <summary>Identity's sign-in manager, refusing deactivated accounts on every path (password, 2FA, refresh).</summary>
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
}

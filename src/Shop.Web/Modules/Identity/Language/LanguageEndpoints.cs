using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Shop.Web.Modules.Identity.Data;
using Shop.Web.Platform.Localization;
using Shop.Web.Platform.Security;

namespace Shop.Web.Modules.Identity.Language;

public static class LanguageEndpoints
{
    public const string ChoosePath = "/language";

    /// <summary>
    /// The header's language chooser posts here (a form, so it works without script and carries an anti-forgery token):
    /// the choice goes into the culture cookie and, for a signed-in person, onto the account, then back to the page.
    /// </summary>
    public static void MapLanguageChoice(this WebApplication app) =>
        app.MapPost(ChoosePath, async Task<RedirectHttpResult> ([FromForm] string? culture, [FromForm] string? returnUrl, HttpContext http, UserManager<ShopUser> users) =>
        {
            if (ShopLanguages.Find(culture) is { } language)
            {
                ShopLanguages.Remember(http.Response, language);
                if (http.User.Identity?.IsAuthenticated == true && await users.GetUserAsync(http.User) is { } user && user.Language != language.Culture)
                {
                    user.Language = language.Culture;
                    await users.UpdateAsync(user);
                }
            }
            return TypedResults.Redirect(LocalUrl.OrHome(returnUrl));
        }).AllowAnonymous().Access(Callers.Anyone).ExcludeFromDescription();
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Shop.Web.Modules.Currencies.Contracts;
using Shop.Web.Modules.Currencies.Data;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Errors;
using Shop.Web.Platform.Storefront;

namespace Shop.Web.Modules.Currencies.Choosing;

/// <summary>
/// The display currency of this request's shopper: the one saved on their account when signed in, else the
/// one in the currency cookie; a currency no longer enabled counts as none. Read once per request.
/// </summary>
public sealed class ShopperCurrency(
    IHttpContextAccessor http, IDisplayCurrencies currencies, IServiceScopeFactory scopes, IOptions<StorefrontSettings> store, TimeProvider clock) : IShopperCurrency
{
    public const string CookieName = "shop_currency";

    private Task<DisplayCurrency?>? chosen;

    public Task<DisplayCurrency?> ChosenAsync() => chosen ??= FindAsync();

    public async Task<CurrencyCharge?> ChargeAsync(decimal amount) =>
        await ChosenAsync() is { ChargeInCurrency: true } currency
            ? new CurrencyCharge(currency.Code, currency.FromShopCurrency(amount), currency.Rate)
            : null;

    /// <summary>Remembers the shopper's choice in the cookie and, when signed in, on the account; an empty code goes back to the shop's currency.</summary>
    public async Task ChooseAsync(string? code)
    {
        var context = http.HttpContext ?? throw new InvalidOperationException("A currency is chosen within a request.");
        code = string.IsNullOrWhiteSpace(code) ? null : code.Trim().ToUpperInvariant();
        if (code == store.Value.Currency)
            code = null;
        var currency = code is null ? null : (await currencies.EnabledAsync()).FirstOrDefault(c => c.Code == code)
            ?? throw new InputValidationException("Currency", "Choose one of the currencies offered.");
        if (code is null)
            context.Response.Cookies.Delete(CookieName);
        else
            context.Response.Cookies.Append(CookieName, code, new CookieOptions
            {
                HttpOnly = true, IsEssential = true, SameSite = SameSiteMode.Lax, Secure = context.Request.IsHttps, MaxAge = TimeSpan.FromDays(365),
            });
        if (context.User.Identity?.IsAuthenticated == true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
            var userId = context.User.UserId();
            // One statement each, so two devices choosing at once cannot collide on the row.
            if (code is null)
                await db.Set<ShopperCurrencyChoice>().Where(c => c.UserId == userId).ExecuteDeleteAsync();
            else
                await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO currencies.shopper_currencies (user_id, currency, updated_at) VALUES ({userId}, {code}, {clock.GetUtcNow()})
                    ON CONFLICT (user_id) DO UPDATE SET currency = excluded.currency, updated_at = excluded.updated_at
                    """);
        }
        chosen = Task.FromResult(currency);
    }

    private async Task<DisplayCurrency?> FindAsync()
    {
        var context = http.HttpContext;
        if (context is null)
            return null;
        var enabled = await currencies.EnabledAsync();
        if (enabled.Count == 0)
            return null;
        var code = context.Request.Cookies[CookieName];
        if (context.User.Identity?.IsAuthenticated == true)
        {
            // Its own scope: components of one page ask at once, and a DbContext runs one query at a time.
            await using var scope = scopes.CreateAsyncScope();
            var userId = context.User.UserId();
            code = await scope.ServiceProvider.GetRequiredService<ShopDbContext>().Set<ShopperCurrencyChoice>().AsNoTracking()
                .Where(c => c.UserId == userId).Select(c => c.Currency).SingleOrDefaultAsync() ?? code;
        }
        return enabled.FirstOrDefault(c => c.Code == code);
    }
}

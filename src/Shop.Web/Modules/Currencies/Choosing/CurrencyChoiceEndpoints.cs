using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Shop.Web.Platform.Security;

namespace Shop.Web.Modules.Currencies.Choosing;

/// <param name="Currency">An enabled display currency's code; the shop's own code (or empty) for its own currency.</param>
public sealed record CurrencyChoiceRequest([property: Required(AllowEmptyStrings = true), MaxLength(3)] string Currency);

/// <param name="Rate">How much of the shop's currency one unit is worth.</param>
public sealed record DisplayCurrencyView(string Code, string Name, string Sign, int MinorUnits, decimal Rate, DateTimeOffset RateSetAt);

/// <param name="Chosen">The shopper's display currency; null for the shop's own.</param>
public sealed record CurrencyChoiceView(string ShopCurrency, string? Chosen, IReadOnlyList<DisplayCurrencyView> Offered);

public static class CurrencyChoiceEndpoints
{
    public static void MapCurrencyChoiceEndpoints(this RouteGroupBuilder api)
    {
        var currencies = api.MapGroup("/currencies").WithTags("Currencies").AllowAnonymous().Access(Callers.Anyone);

        currencies.MapGet("/", async Task<Ok<CurrencyChoiceView>> (CurrencyChoice choice) => TypedResults.Ok(await choice.ViewAsync()))
            .WithName("ListShopperCurrencies").WithSummary("The display currencies a shopper may choose and the one chosen; prices in them are estimates, orders are charged in the shop's currency.");

        currencies.MapPut("/choice", async Task<Ok<CurrencyChoiceView>> (CurrencyChoiceRequest request, CurrencyChoice choice) =>
            TypedResults.Ok(await choice.ChooseAsync(request.Currency)))
            .WithName("ChooseShopperCurrency").WithSummary("Show prices in this currency: kept in a cookie and, when signed in, on the account.");
    }

    /// <summary>The header's chooser: a plain form post, so it works without JavaScript, that goes back where it came from.</summary>
    public static void MapCurrencyChooser(this WebApplication app) =>
        app.MapPost("/currency", async Task<RedirectHttpResult> ([FromForm] string? currency, [FromForm] string? returnUrl, CurrencyChoice choice) =>
        {
            await choice.ChooseAsync(currency);
            return TypedResults.Redirect(LocalUrl.OrHome(returnUrl));
        }).AllowAnonymous().Access(Callers.Anyone).ExcludeFromDescription();
}

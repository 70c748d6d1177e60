using Microsoft.Extensions.Options;
using Shop.Web.Modules.Currencies.Contracts;
using Shop.Web.Platform.Storefront;

namespace Shop.Web.Modules.Currencies.Choosing;

/// <summary>What the chooser offers and the shopper's choice.</summary>
public sealed class CurrencyChoice(ShopperCurrency shopper, IDisplayCurrencies currencies, IOptions<StorefrontSettings> store)
{
    public async Task<CurrencyChoiceView> ViewAsync()
    {
        var offered = await currencies.EnabledAsync();
        return new(store.Value.Currency, (await shopper.ChosenAsync())?.Code,
            offered.Select(c => new DisplayCurrencyView(c.Code, c.Currency.Name, c.Currency.Sign.Trim(), c.Currency.MinorUnits, c.Rate, c.RateSetAt)).ToList());
    }

    public async Task<CurrencyChoiceView> ChooseAsync(string? currency)
    {
        await shopper.ChooseAsync(currency);
        return await ViewAsync();
    }
}

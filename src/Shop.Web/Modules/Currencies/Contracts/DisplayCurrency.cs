namespace Shop.Web.Modules.Currencies.Contracts;

/// <summary>
/// An enabled display currency and its rate: how much of the shop's currency one unit of it is worth.
/// Conversions divide exactly and round once, to the currency's minor units.
/// </summary>
public sealed record DisplayCurrency(IsoCurrency Currency, decimal Rate, bool ChargeInCurrency, DateTimeOffset RateSetAt)
{
    public string Code => Currency.Code;

    /// <summary>An amount in the shop's currency, in this one, rounded half away from zero to its minor units.</summary>
    public decimal FromShopCurrency(decimal amount) => Math.Round(amount / Rate, Currency.MinorUnits, MidpointRounding.AwayFromZero);

    /// <summary>An amount of this currency with its sign and minor units, e.g. US$1,234.50.</summary>
    public string Show(decimal amount) => Currency.Show(amount);

    /// <summary>An amount of the shop's currency as a shopper reads its estimate, e.g. ≈ US$12.34.</summary>
    public string Estimate(decimal amount) => "≈ " + Show(FromShopCurrency(amount));
}

/// <summary>A payment to be charged in another currency: the amount in it and the rate it was converted at.</summary>
public sealed record CurrencyCharge(string Currency, decimal Amount, decimal Rate);

/// <summary>The display currencies admins enabled, cached in memory on every instance.</summary>
public interface IDisplayCurrencies
{
    /// <summary>The enabled currencies other than the shop's own, by code.</summary>
    Task<IReadOnlyList<DisplayCurrency>> EnabledAsync();
}

/// <summary>The currency this request's shopper reads prices in (from their account or cookie), when it is not the shop's.</summary>
public interface IShopperCurrency
{
    /// <summary>The chosen, enabled display currency; null when the shopper reads prices in the shop's currency.</summary>
    Task<DisplayCurrency?> ChosenAsync();

    /// <summary>
    /// What a payment of <paramref name="amount"/> (shop's currency) is charged as when the provider can charge in the
    /// shopper's currency and the admin allows it for that currency; null to charge in the shop's currency.
    /// </summary>
    Task<CurrencyCharge?> ChargeAsync(decimal amount);
}

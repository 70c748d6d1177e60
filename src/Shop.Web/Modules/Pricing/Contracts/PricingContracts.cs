namespace Shop.Web.Modules.Pricing.Contracts;

/// <summary>One line to price: what it is (for coupon scopes and tax categories), its unit price, quantity and weight.</summary>
public sealed record PricingLine(
    Guid VariantId, Guid ProductId, Guid SellerId, IReadOnlyList<Guid> CategoryPath, decimal UnitPrice, int Quantity, int WeightGrams);

public sealed record Destination(string State, string PostalCode, string Country);

/// <summary>Who buys, for per-customer coupon limits: an account, an email (guests), or neither yet.</summary>
public sealed record Buyer(Guid? CustomerId, string? Email);

public sealed record PricingRequest(IReadOnlyList<PricingLine> Lines, string? CouponCode, Buyer Buyer, Destination? Destination, string? ShippingMethod);

public sealed record PricedLine(Guid VariantId, decimal Subtotal, decimal Discount, decimal TaxPercent, decimal Tax, decimal Total);

/// <param name="FreeOver">The order value from which this way ships free; null when it never does.</param>
public sealed record ShippingOption(string Code, string Name, string? DeliveryEstimate, decimal Cost, decimal? FreeOver);

/// <summary>A coupon anyone can use now, as the storefront shows it.</summary>
/// <param name="Saving">What it takes off, as a shopper reads it: "10% off", "₹500 off".</param>
/// <param name="CategoryId">The category whose items it is for; null when it is not limited to one.</param>
public sealed record CouponOffer(string Code, string Description, string Saving, DateTimeOffset? EndsAt, Guid? CategoryId);

/// <summary>
/// A shipping method's rules as shoppers read them: a base rate plus a rate per started kilogram, free
/// from an order value, and whether some regions are charged their own rates.
/// </summary>
public sealed record ShippingTerms(string Name, string? DeliveryEstimate, decimal BaseRate, decimal PerKgRate, decimal? FreeOver, bool HasRegionalRates);

/// <summary>A coupon the shopper entered: applied with its discount, or the reason it does not apply.</summary>
public sealed record CouponOutcome(string Code, bool Applied, string? Reason, decimal Discount);

/// <summary>
/// The money of a cart or order. With tax-inclusive prices the tax is the part of the price that is
/// tax; otherwise it is added. Shipping is null until the destination is known.
/// </summary>
public sealed record Quote(
    string Currency, bool PricesIncludeTax, IReadOnlyList<PricedLine> Lines, decimal Subtotal, decimal Discount, decimal Tax, decimal? Shipping,
    decimal Total, IReadOnlyList<ShippingOption> ShippingOptions, ShippingOption? SelectedShipping, CouponOutcome? Coupon);

public interface IPricing
{
    Task<Quote> QuoteAsync(PricingRequest request);

    /// <summary>The shipping methods offered, each with its base rate (what shipping costs at least).</summary>
    Task<IReadOnlyList<ShippingOption>> ShippingMethodsAsync();

    /// <summary>What each shipping method costs to a postal code for a parcel of this weight and value (a product page's delivery check).</summary>
    Task<IReadOnlyList<ShippingOption>> ShippingToAsync(string postalCode, long weightGrams, decimal orderValue);

    /// <summary>The rules of the shipping methods offered, in the order checkout lists them.</summary>
    Task<IReadOnlyList<ShippingTerms>> ShippingTermsAsync();

    /// <summary>Coupons that can be used now, those ending soonest first.</summary>
    Task<IReadOnlyList<CouponOffer>> CurrentOffersAsync(int limit);

    /// <summary>True when a coupon with this code exists (whether or not it applies now).</summary>
    Task<bool> CouponExistsAsync(string code);

    /// <summary>
    /// Records a coupon's use by an order within the caller's transaction. Uses of one coupon are
    /// serialised on its row, so total and per-customer limits hold under any number of buyers.
    /// </summary>
    Task RedeemAsync(string couponCode, Buyer buyer, Guid orderId, decimal discount);
}

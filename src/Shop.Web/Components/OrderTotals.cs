namespace Shop.Web.Components;

/// <summary>
/// The money of a cart, a checkout or an order, in the order people read it: subtotal, discount, shipping, tax, total.
/// With tax-inclusive prices the tax is the part of the prices that is tax, so it is shown but not added.
/// </summary>
/// <param name="Shipping">Null when it is not known yet (a cart) or not this reader's part (a seller's share).</param>
public sealed record OrderTotals(
    decimal Subtotal, decimal Discount, string? CouponCode, decimal? Shipping, string? ShippingMethod, decimal Tax, bool TaxIncluded, decimal Total);

using Shop.Web.Modules.Pricing.Contracts;

namespace Shop.Web.Modules.Cart.Shopping;

/// <summary>A cart line as the shopper sees it now: today's price and stock, with a warning when either changed.</summary>
public sealed record CartLineView(
    Guid VariantId, Guid ProductId, string ProductTitle, string ProductSlug, string VariantLabel, string Sku, string? ImageUrl,
    Guid SellerId, string? SellerName, int Quantity, decimal UnitPrice, decimal PriceWhenAdded, decimal LineTotal, int Available,
    bool Orderable, string? Warning);

/// <summary>The money of the lines that can be ordered; shipping stays open until checkout knows the address.</summary>
public sealed record CartTotals(string Currency, decimal Subtotal, decimal Discount, decimal Tax, bool PricesIncludeTax, decimal? Shipping, decimal Total);

public sealed record CartView(IReadOnlyList<CartLineView> Lines, int ItemCount, CartTotals Totals, CouponOutcome? Coupon)
{
    /// <summary>Every line can be ordered as it stands.</summary>
    public bool CanCheckout => Lines.Count > 0 && Lines.All(l => l.Orderable);
}

using Shop.Web.Modules.Identity.Contracts;

namespace Shop.Web.Modules.Ordering.Data;

/// <summary>What a new order is made of, worked out by checkout.</summary>
public sealed record OrderDraft(
    string Number, Guid? CustomerId, string Email, string CustomerName, string PaymentMethod, string Currency,
    decimal Subtotal, decimal Discount, decimal Tax, decimal Shipping, decimal Total, bool PricesIncludeTax, string? CouponCode,
    string ShippingMethodCode, string ShippingMethodName, PostalAddress ShippingAddress, PostalAddress BillingAddress,
    string? IdempotencyScope, string? IdempotencyKey, string? IdempotencyRequestHash, IReadOnlyList<OrderLineDraft> Lines);

using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Modules.Ordering.Contracts;
using Shop.Web.Modules.Ordering.Data;

namespace Shop.Web.Modules.Ordering.Orders;

public sealed record OrderSummary(Guid Id, string Number, OrderStatus Status, DateTimeOffset PlacedAt, decimal Total, string Currency, int ItemCount, string Email);

public sealed record OrderLineView(
    Guid VariantId, Guid ProductId, Guid SellerId, Guid FulfillmentId, string ProductTitle, string ProductSlug, string VariantLabel, string Sku, string? ImageUrl,
    decimal UnitPrice, int Quantity, decimal Subtotal, decimal Discount, decimal TaxPercent, decimal Tax, decimal Total);

public sealed record FulfillmentView(Guid Id, Guid SellerId, string? SellerName, FulfillmentStatus Status, string? Carrier, string? TrackingNumber,
    DateTimeOffset? ShippedAt, DateTimeOffset? DeliveredAt);

public sealed record TimelineEntry(DateTimeOffset At, string Kind, string Message, bool IsInternal, Guid? FulfillmentId);

public sealed record OrderDetail(
    Guid Id, string Number, OrderStatus Status, DateTimeOffset PlacedAt, string Email, string CustomerName, Guid? CustomerId, string PaymentMethod,
    bool IsPaid, string Currency, decimal Subtotal, decimal Discount, decimal Tax, decimal Shipping, decimal Total, bool PricesIncludeTax,
    string? CouponCode, string ShippingMethod, PostalAddress ShippingAddress, PostalAddress BillingAddress,
    IReadOnlyList<OrderLineView> Lines, IReadOnlyList<FulfillmentView> Fulfillments, IReadOnlyList<TimelineEntry> Timeline,
    bool CanCancel, bool CanRequestReturn)
{
    /// <summary>An invoice exists once the order is paid.</summary>
    public bool HasInvoice => IsPaid;

    public Components.OrderTotals Totals() => new(Subtotal, Discount, CouponCode, Shipping, ShippingMethod, Tax, PricesIncludeTax, Total);

    /// <param name="returnWindow">How long after delivery a return may be asked for; with <paramref name="now"/>, whether it still may.</param>
    public static OrderDetail From(Order o, IReadOnlyDictionary<Guid, SellerProfile> sellers, bool includeInternal, DateTimeOffset now, TimeSpan returnWindow) => new(
        o.Id, o.Number, o.Status, o.PlacedAt, o.Email, o.CustomerName, o.CustomerId, o.PaymentMethod, o.IsPaid, o.Currency, o.Subtotal, o.Discount,
        o.Tax, o.Shipping, o.Total, o.PricesIncludeTax, o.CouponCode, o.ShippingMethodName, Address(o.ShippingAddress), Address(o.BillingAddress),
        o.Lines.OrderBy(l => l.SellerId).ThenBy(l => l.ProductTitle).Select(l => new OrderLineView(l.VariantId, l.ProductId, l.SellerId, l.FulfillmentId,
            l.ProductTitle, l.ProductSlug, l.VariantLabel, l.Sku, l.ImageUrl, l.UnitPrice, l.Quantity, l.Subtotal, l.Discount, l.TaxPercent, l.Tax, l.Total)).ToList(),
        o.Fulfillments.Select(f => new FulfillmentView(f.Id, f.SellerId, sellers.GetValueOrDefault(f.SellerId)?.ShopName, f.Status, f.Carrier, f.TrackingNumber,
            f.ShippedAt, f.DeliveredAt)).ToList(),
        o.Events.Where(e => includeInternal || !e.IsInternal).OrderBy(e => e.CreatedAt).ThenBy(e => e.Id)
            .Select(e => new TimelineEntry(e.CreatedAt, e.Kind, e.Message, e.IsInternal, e.FulfillmentId)).ToList(),
        o.CanBeCancelled, o.CanRequestReturn(now, returnWindow));

    private static PostalAddress Address(OrderAddress a) => new(a.FullName, a.Phone, a.Line1, a.Line2, a.City, a.State, a.PostalCode, a.Country);
}

/// <summary>The status as shoppers read it.</summary>
public static class OrderStatusText
{
    public static string Of(OrderStatus status) => status switch
    {
        OrderStatus.PendingPayment => "Pending payment",
        OrderStatus.ReturnRequested => "Return requested",
        _ => status.ToString(),
    };

    /// <summary>An order paid on delivery is not waiting for anything the buyer must do.</summary>
    public static string Of(OrderStatus status, string paymentMethod) =>
        status == OrderStatus.PendingPayment && paymentMethod == Order.CashOnDelivery ? "Placed, pay on delivery" : Of(status);
}

using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Modules.Notifications.Contracts;
using Shop.Web.Modules.Ordering.Contracts;
using Shop.Web.Modules.Ordering.Data;
using Shop.Web.Modules.Ordering.Orders;
using Shop.Web.Platform.Outbox;
using PaymentFailed = Shop.Web.Modules.Payments.Contracts.PaymentFailed;
using RefundIssued = Shop.Web.Modules.Payments.Contracts.RefundIssued;

namespace Shop.Web.Modules.Ordering.Emails;

/// <summary>
/// Tells buyers and sellers what happened to an order, by email and in the notification centre. Each
/// message is keyed by the fact it reports (this order placed, this parcel shipped), so an event that
/// arrives twice still tells each person once. Guests get the signed link to their order.
/// </summary>
internal sealed class OrderMessages(OrderStore orders, OrderAccess access, ICustomerDirectory customers, ISellerDirectory sellers, INotifier notifier) :
    IIntegrationEventHandler<OrderPlaced>, IIntegrationEventHandler<OrderPaid>, IIntegrationEventHandler<OrderStatusChanged>,
    IIntegrationEventHandler<FulfillmentStatusChanged>, IIntegrationEventHandler<PaymentFailed>, IIntegrationEventHandler<RefundIssued>
{
    public async Task HandleAsync(OrderPlaced placed, CancellationToken cancellationToken)
    {
        if (await orders.LoadAsync(placed.OrderId) is not { } order)
            return;
        var lines = order.Lines.Select(l => new OrderLineModel(l.ProductTitle, l.VariantLabel == "Standard" ? null : l.VariantLabel, l.Quantity, l.Subtotal)).ToList();
        var model = new OrderModel(order.Number, order.CustomerName, lines, Totals(order),
            order.PaymentMethod == Order.CashOnDelivery ? "Cash on delivery" : order.PaymentMethod, ShipTo(order), BuyerLink(order));
        await ToBuyerAsync(order, NotificationKind.OrderPlaced, model, "placed", cancellationToken);
        // Sellers hear of an order once they can act on it: now for cash on delivery, at payment otherwise.
        if (order.IsReadyToFulfil)
            await ToSellersAsync(order, cancellationToken);
    }

    public async Task HandleAsync(OrderPaid paid, CancellationToken cancellationToken)
    {
        if (await orders.LoadAsync(paid.OrderId) is not { } order)
            return;
        await ToBuyerAsync(order, NotificationKind.PaymentReceived, new PaymentModel(order.Number, order.Total, null, BuyerLink(order), Totals(order)), "paid", cancellationToken);
        await ToSellersAsync(order, cancellationToken);
    }

    public async Task HandleAsync(PaymentFailed failed, CancellationToken cancellationToken)
    {
        if (await orders.LoadAsync(failed.OrderId) is not { } order)
            return;
        await ToBuyerAsync(order, NotificationKind.PaymentFailed, new PaymentModel(order.Number, order.Total, failed.Reason, BuyerLink(order)),
            $"payment-failed:{failed.PaymentId}", cancellationToken);
    }

    public async Task HandleAsync(RefundIssued refund, CancellationToken cancellationToken)
    {
        if (await orders.LoadAsync(refund.OrderId) is not { } order)
            return;
        await ToBuyerAsync(order, NotificationKind.RefundIssued, new RefundModel(order.Number, refund.Amount, refund.FullyRefunded, refund.Reason, BuyerLink(order)),
            null, cancellationToken);
    }

    public async Task HandleAsync(OrderStatusChanged changed, CancellationToken cancellationToken)
    {
        if (await orders.LoadAsync(changed.OrderId) is not { } order)
            return;
        var latest = order.Events.Where(e => !e.IsInternal).OrderBy(e => e.Id).LastOrDefault();
        switch (changed.Status)
        {
            case OrderStatus.Cancelled:
                var reason = order.Events.LastOrDefault(e => e.Kind == "cancelled")?.Message ?? "The order was cancelled.";
                await ToBuyerAsync(order, NotificationKind.OrderCancelled, new OrderUpdateModel(order.Number, reason, BuyerLink(order)), "cancelled", cancellationToken);
                break;
            case OrderStatus.Returned:
                await ToBuyerAsync(order, NotificationKind.ReturnAccepted,
                    new OrderUpdateModel(order.Number, "The items are back with us.", BuyerLink(order)), "returned", cancellationToken);
                break;
            // A refund through the payment provider has its own message (RefundIssued); this is one an admin recorded by hand.
            case OrderStatus.Refunded when latest?.Kind == "refunded":
                await ToBuyerAsync(order, NotificationKind.RefundIssued,
                    new RefundModel(order.Number, order.Total, true, "order refunded", BuyerLink(order)), "refunded", cancellationToken);
                break;
        }
    }

    public async Task HandleAsync(FulfillmentStatusChanged changed, CancellationToken cancellationToken)
    {
        if (changed.Status is not (FulfillmentStatus.Shipped or FulfillmentStatus.OutForDelivery or FulfillmentStatus.Delivered)
            || await orders.LoadAsync(changed.OrderId) is not { } order)
            return;
        var fulfillment = order.Fulfillments.Single(f => f.Id == changed.FulfillmentId);
        var seller = (await sellers.FindAsync([fulfillment.SellerId])).GetValueOrDefault(fulfillment.SellerId)?.ShopName ?? "The seller";
        var items = order.Lines.Where(l => l.FulfillmentId == fulfillment.Id)
            .Select(l => $"{l.Quantity} × {l.ProductTitle}{(l.VariantLabel == "Standard" ? "" : $" ({l.VariantLabel})")}").ToList();
        var model = new ShipmentModel(order.Number, seller, fulfillment.Carrier, fulfillment.TrackingNumber,
            TrackingLinks.For(fulfillment.Carrier, fulfillment.TrackingNumber), items, order.Status == OrderStatus.Delivered, BuyerLink(order));
        var (kind, step) = changed.Status switch
        {
            FulfillmentStatus.Shipped => (NotificationKind.OrderShipped, "shipped"),
            FulfillmentStatus.OutForDelivery => (NotificationKind.OrderOutForDelivery, "out-for-delivery"),
            _ => (NotificationKind.OrderDelivered, "delivered"),
        };
        await ToBuyerAsync(order, kind, model, $"{step}:{fulfillment.Id}", cancellationToken);
    }

    private async Task ToSellersAsync(Order order, CancellationToken cancellationToken)
    {
        var shops = await sellers.FindAsync(order.Fulfillments.Select(f => f.SellerId).ToList());
        foreach (var fulfillment in order.Fulfillments)
        {
            if (await customers.FindAsync(fulfillment.SellerId) is not { } seller)
                continue;
            var shop = shops.GetValueOrDefault(fulfillment.SellerId)?.ShopName ?? seller.Name;
            var items = order.Lines.Where(l => l.FulfillmentId == fulfillment.Id).Select(l => new SellerItemModel(l.ProductTitle, l.Sku, l.Quantity)).ToList();
            var link = $"/seller/orders/{fulfillment.Id}";
            await notifier.NotifyAsync(new Notice(NotificationKind.SellerNewOrder, new Recipient(seller.UserId, seller.Email, seller.Name),
                new SellerOrderModel(order.Number, shop, items, $"{order.ShippingAddress.FullName}, {order.ShippingAddress.City}, {order.ShippingAddress.State} {order.ShippingAddress.PostalCode}", link),
                $"fulfillment:{fulfillment.Id}", link), cancellationToken);
        }
    }

    /// <param name="fact">What happened to this order; null when the event itself is the fact (each refund is its own).</param>
    private Task ToBuyerAsync(Order order, NotificationKind kind, object model, string? fact, CancellationToken cancellationToken) =>
        notifier.NotifyAsync(new Notice(kind, new Recipient(order.CustomerId, order.Email, order.CustomerName, order.Language), model,
            fact is null ? null : $"order:{order.Id}:{fact}", $"/orders/{order.Id}"), cancellationToken);

    private static OrderTotalsModel Totals(Order o) => new(o.Subtotal, o.Discount, o.CouponCode, o.Shipping, o.Tax, o.PricesIncludeTax, o.Total);

    private static string ShipTo(Order order)
    {
        var a = order.ShippingAddress;
        return $"{a.FullName}, {a.Line1}{(string.IsNullOrWhiteSpace(a.Line2) ? "" : $", {a.Line2}")}, {a.City}, {a.State} {a.PostalCode}";
    }

    private string BuyerLink(Order order) => order.CustomerId is null ? access.LinkPath(order.Id) : $"/orders/{order.Id}";
}

using Shop.Web.Modules.Ordering.Contracts;
using Shop.Web.Modules.Ordering.Data;
using Shop.Web.Modules.Ordering.Orders;
using Shop.Web.Modules.Payments.Contracts;
using Shop.Web.Modules.Webhooks.Contracts;
using Shop.Web.Platform.Outbox;

namespace Shop.Web.Modules.Ordering.Webhooks;

public sealed record OrderLinePayload(Guid ProductId, Guid VariantId, string Sku, string Title, string Variant, int Quantity, decimal UnitPrice, decimal Total, Guid SellerId);

public sealed record FulfillmentPayload(Guid Id, Guid SellerId, FulfillmentStatus Status, string? Carrier, string? TrackingNumber, DateTimeOffset? ShippedAt,
    DateTimeOffset? DeliveredAt);

/// <summary>An order as a webhook shows it: to a seller, only its own lines and shipment, and the total of those lines.</summary>
public sealed record OrderPayload(Guid OrderId, string Number, OrderStatus Status, DateTimeOffset PlacedAt, string Currency, decimal Total,
    IReadOnlyList<OrderLinePayload> Lines, IReadOnlyList<FulfillmentPayload> Fulfillments);

/// <summary>A refund; a seller's amount is its share, in proportion to its lines.</summary>
public sealed record RefundPayload(Guid RefundId, Guid OrderId, string Number, string Currency, decimal Amount, bool FullyRefunded, string Reason);

/// <summary>Tells webhook endpoints about orders: placed, paid, cancelled, each seller's shipment and delivery, refunds.</summary>
internal sealed class OrderWebhooks(OrderStore store, IWebhookPublisher webhooks) :
    IIntegrationEventHandler<OrderPlaced>, IIntegrationEventHandler<OrderPaid>, IIntegrationEventHandler<OrderStatusChanged>,
    IIntegrationEventHandler<FulfillmentStatusChanged>, IIntegrationEventHandler<RefundIssued>
{
    public Task HandleAsync(OrderPlaced placed, CancellationToken cancellationToken) =>
        PublishOrderAsync(WebhookEventTypes.OrderPlaced, placed.OrderId, cancellationToken);

    public Task HandleAsync(OrderPaid paid, CancellationToken cancellationToken) =>
        PublishOrderAsync(WebhookEventTypes.OrderPaid, paid.OrderId, cancellationToken);

    public Task HandleAsync(OrderStatusChanged changed, CancellationToken cancellationToken) => changed.Status == OrderStatus.Cancelled
        ? PublishOrderAsync(WebhookEventTypes.OrderCancelled, changed.OrderId, cancellationToken)
        : Task.CompletedTask;

    /// <summary>A shipment concerns its own seller only; admins see it with the whole order.</summary>
    public async Task HandleAsync(FulfillmentStatusChanged changed, CancellationToken cancellationToken)
    {
        var type = changed.Status switch
        {
            FulfillmentStatus.Shipped => WebhookEventTypes.FulfillmentShipped,
            FulfillmentStatus.Delivered => WebhookEventTypes.FulfillmentDelivered,
            _ => null,
        };
        if (type is null || await store.LoadAsync(changed.OrderId) is not { } order)
            return;
        await webhooks.PublishAsync(new WebhookEvent(type, $"{type}:{changed.FulfillmentId}", Payload(order, null),
            new Dictionary<Guid, object> { [changed.SellerId] = Payload(order, changed.SellerId) }), cancellationToken);
    }

    public async Task HandleAsync(RefundIssued refund, CancellationToken cancellationToken)
    {
        if (await store.LoadAsync(refund.OrderId) is not { } order)
            return;
        var linesTotal = order.Lines.Sum(l => l.Total);
        RefundPayload Share(decimal amount) => new(refund.RefundId, order.Id, order.Number, order.Currency, amount, refund.FullyRefunded, refund.Reason);
        await webhooks.PublishAsync(new WebhookEvent(WebhookEventTypes.RefundIssued, $"refund.issued:{refund.RefundId}", Share(refund.Amount),
            order.Lines.GroupBy(l => l.SellerId).ToDictionary(g => g.Key, g => (object)Share(linesTotal == 0 ? 0
                : Math.Round(refund.Amount * g.Sum(l => l.Total) / linesTotal, 2, MidpointRounding.AwayFromZero)))), cancellationToken);
    }

    /// <summary>Order events happen once per order, so the order names the event.</summary>
    private async Task PublishOrderAsync(string type, Guid orderId, CancellationToken cancellationToken)
    {
        if (await store.LoadAsync(orderId) is not { } order)
            return;
        await webhooks.PublishAsync(new WebhookEvent(type, $"{type}:{order.Id}", Payload(order, null),
            order.Fulfillments.Select(f => f.SellerId).Distinct().ToDictionary(s => s, s => (object)Payload(order, s))), cancellationToken);
    }

    private static OrderPayload Payload(Order order, Guid? sellerId)
    {
        var lines = order.Lines.Where(l => sellerId is null || l.SellerId == sellerId).ToList();
        return new OrderPayload(order.Id, order.Number, order.Status, order.PlacedAt, order.Currency, sellerId is null ? order.Total : lines.Sum(l => l.Total),
            lines.Select(l => new OrderLinePayload(l.ProductId, l.VariantId, l.Sku, l.ProductTitle, l.VariantLabel, l.Quantity, l.UnitPrice, l.Total, l.SellerId)).ToList(),
            order.Fulfillments.Where(f => sellerId is null || f.SellerId == sellerId)
                .Select(f => new FulfillmentPayload(f.Id, f.SellerId, f.Status, f.Carrier, f.TrackingNumber, f.ShippedAt, f.DeliveredAt)).ToList());
    }
}

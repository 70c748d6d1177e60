using Shop.Web.Platform.Outbox;

namespace Shop.Web.Modules.Webhooks.Contracts;

/// <summary>The events endpoints subscribe to, as they appear in each delivery's <c>type</c>.</summary>
public static class WebhookEventTypes
{
    public const string OrderPlaced = "order.placed";
    public const string OrderPaid = "order.paid";
    public const string OrderCancelled = "order.cancelled";
    public const string FulfillmentShipped = "fulfillment.shipped";
    public const string FulfillmentDelivered = "fulfillment.delivered";
    public const string RefundIssued = "refund.issued";
    public const string ProductUpdated = "product.updated";
    public const string StockLow = "stock.low";
    public const string SupportConversationCreated = "support.conversation.created";
    public const string SupportMessageCreated = "support.message.created";
    public const string SupportConversationResolved = "support.conversation.resolved";

    public static IReadOnlyList<string> All { get; } =
        [OrderPlaced, OrderPaid, OrderCancelled, FulfillmentShipped, FulfillmentDelivered, RefundIssued, ProductUpdated, StockLow,
         SupportConversationCreated, SupportMessageCreated, SupportConversationResolved];
}

/// <summary>
/// Something endpoints may hear about. Admin endpoints receive <paramref name="Payload"/>; a seller's
/// endpoint receives its entry of <paramref name="SellerPayloads"/> and nothing when it has none, so a
/// seller only ever sees its own part of an event.
/// </summary>
/// <param name="Key">Names this occurrence: the same key published twice makes one delivery per endpoint.</param>
public sealed record WebhookEvent(string Type, string Key, object Payload, IReadOnlyDictionary<Guid, object> SellerPayloads);

public interface IWebhookPublisher
{
    /// <summary>
    /// Queues a delivery to every subscribed endpoint within the caller's transaction (call it from
    /// an outbox handler); the sending happens afterwards, in the background.
    /// </summary>
    Task PublishAsync(WebhookEvent webhookEvent, CancellationToken cancellationToken = default);
}

/// <summary>Who listens for one event type now: any admin endpoint, and the sellers with an endpoint of their own.</summary>
public sealed record WebhookAudience(bool Admin, IReadOnlySet<Guid> Sellers)
{
    /// <summary>Whether publishing an event (of a seller's, when <paramref name="sellerId"/> is set) would reach anyone.</summary>
    public bool Includes(Guid? sellerId) => Admin || (sellerId is { } seller && Sellers.Contains(seller));
}

public interface IWebhookSubscriptions
{
    /// <summary>
    /// The endpoints (paused included, disabled not) subscribed to <paramref name="type"/>: a publisher of many events
    /// may skip those nobody would receive.
    /// </summary>
    Task<WebhookAudience> AudienceAsync(string type, CancellationToken cancellationToken = default);
}

/// <summary>An endpoint kept failing and was switched off; its owner should hear about it.</summary>
[IntegrationEventName("webhooks.webhook-endpoint-disabled")]
public sealed record WebhookEndpointDisabled(Guid EndpointId, Guid OwnerId, string Url, string Reason) : IIntegrationEvent;

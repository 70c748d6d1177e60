namespace Shop.Web.Modules.Ordering.Data;

/// <summary>A step in an order's timeline; internal ones (admin notes) are not shown to the customer.</summary>
public sealed class OrderEvent
{
    private OrderEvent() { }

    internal OrderEvent(Guid orderId, string kind, string message, Guid? actorId, bool isInternal, DateTimeOffset at, Guid? fulfillmentId = null)
    {
        OrderId = orderId;
        FulfillmentId = fulfillmentId;
        Kind = kind;
        Message = message;
        ActorId = actorId;
        IsInternal = isInternal;
        CreatedAt = at;
    }

    public long Id { get; private set; }
    public Guid OrderId { get; private set; }
    /// <summary>The seller's shipment a step belongs to; null for steps of the whole order.</summary>
    public Guid? FulfillmentId { get; private set; }
    public string Kind { get; private set; } = "";
    public string Message { get; private set; } = "";
    public Guid? ActorId { get; private set; }
    public bool IsInternal { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
}

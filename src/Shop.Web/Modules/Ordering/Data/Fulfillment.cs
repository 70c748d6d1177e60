using Shop.Web.Modules.Ordering.Contracts;
using Shop.Web.Platform.Errors;

namespace Shop.Web.Modules.Ordering.Data;

/// <summary>One seller's part of an order.</summary>
public sealed class Fulfillment
{
    private Fulfillment() { }

    internal Fulfillment(Guid orderId, Guid sellerId, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7(now);
        OrderId = orderId;
        SellerId = sellerId;
        Status = FulfillmentStatus.Pending;
        UpdatedAt = now;
    }

    public Guid Id { get; private set; }
    public Guid OrderId { get; private set; }
    public Guid SellerId { get; private set; }
    public FulfillmentStatus Status { get; private set; }
    public string? Carrier { get; private set; }
    public string? TrackingNumber { get; private set; }
    public DateTimeOffset? ShippedAt { get; private set; }
    public DateTimeOffset? DeliveredAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    internal void MoveTo(FulfillmentStatus to, string? carrier, string? trackingNumber, DateTimeOffset now)
    {
        var allowed = (Status, to) switch
        {
            (FulfillmentStatus.Pending, FulfillmentStatus.Processing) => true,
            (FulfillmentStatus.Pending or FulfillmentStatus.Processing, FulfillmentStatus.Shipped) => true,
            (FulfillmentStatus.Shipped, FulfillmentStatus.OutForDelivery) => true,
            (FulfillmentStatus.Shipped or FulfillmentStatus.OutForDelivery, FulfillmentStatus.Delivered) => true,
            _ => false,
        };
        if (!allowed)
            throw new ConflictException("fulfillment.illegal_transition",
                $"A shipment that is {Describe(Status)} cannot become {Describe(to)}.");
        if (to == FulfillmentStatus.Shipped)
        {
            if (string.IsNullOrWhiteSpace(carrier) || string.IsNullOrWhiteSpace(trackingNumber))
                throw new InputValidationException(new Dictionary<string, string[]>
                {
                    ["Carrier"] = string.IsNullOrWhiteSpace(carrier) ? ["Enter the carrier."] : [],
                    ["TrackingNumber"] = string.IsNullOrWhiteSpace(trackingNumber) ? ["Enter the tracking number."] : [],
                }.Where(e => e.Value.Length > 0).ToDictionary());
            Carrier = carrier.Trim();
            TrackingNumber = trackingNumber.Trim();
            ShippedAt = now;
        }
        if (to == FulfillmentStatus.Delivered)
            DeliveredAt = now;
        Status = to;
        UpdatedAt = now;
    }

    /// <summary>"shipped", "out for delivery": a shipment's status as people read it.</summary>
    public static string Describe(FulfillmentStatus status) =>
        status == FulfillmentStatus.OutForDelivery ? "out for delivery" : status.ToString().ToLowerInvariant();

    internal void Cancel(DateTimeOffset now)
    {
        Status = FulfillmentStatus.Cancelled;
        UpdatedAt = now;
    }
}

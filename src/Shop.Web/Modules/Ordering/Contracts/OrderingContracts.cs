using System.ComponentModel.DataAnnotations;
using Shop.Web.Platform.Outbox;

namespace Shop.Web.Modules.Ordering.Contracts;

public enum OrderStatus
{
    PendingPayment,
    Paid,
    Processing,
    Shipped,
    Delivered,
    Cancelled,
    ReturnRequested,
    Returned,
    Refunded,
}

public enum FulfillmentStatus
{
    Pending,
    Processing,
    Shipped,
    Delivered,
    Cancelled,
    /// <summary>Shipped, and with the courier on today's round; delivery follows.</summary>
    OutForDelivery,
}

/// <summary>How long after delivery a customer may ask to return an order (section "Ordering:Returns").</summary>
public sealed class ReturnPolicy
{
    public const string Section = "Ordering:Returns";

    [Range(1, 365)]
    public int WindowDays { get; set; } = 10;

    public TimeSpan Window => TimeSpan.FromDays(WindowDays);
}

public sealed record OrderedItem(Guid ProductId, Guid VariantId, int Quantity);

/// <summary>An order was placed: the customer gets a confirmation, each seller a new order to fulfil, best sellers move up.</summary>
[IntegrationEventName("ordering.order-placed")]
public sealed record OrderPlaced(Guid OrderId, IReadOnlyList<OrderedItem> Items) : IIntegrationEvent;

/// <summary>An order moved to another status (the customer hears about it).</summary>
[IntegrationEventName("ordering.order-status-changed")]
public sealed record OrderStatusChanged(Guid OrderId, OrderStatus Status) : IIntegrationEvent;

/// <summary>A seller's part of an order moved on (the buyer hears of each shipment and delivery).</summary>
[IntegrationEventName("ordering.fulfillment-status-changed")]
public sealed record FulfillmentStatusChanged(Guid OrderId, Guid FulfillmentId, Guid SellerId, FulfillmentStatus Status) : IIntegrationEvent;

/// <summary>What payments need to know about an order they are asked to collect.</summary>
public sealed record PayableOrder(Guid Id, string Number, decimal Total, string Currency, bool IsPaid, OrderStatus Status, string Email);

public interface IPayableOrders
{
    Task<PayableOrder?> FindAsync(Guid orderId);
}

public sealed record PaidLine(Guid SellerId, Guid? CategoryId, decimal Amount);

/// <summary>An order's money arrived (online, or cash on delivery): each seller's lines are now sales.</summary>
[IntegrationEventName("ordering.order-paid")]
public sealed record OrderPaid(Guid OrderId, string Number, string Currency, IReadOnlyList<PaidLine> Lines) : IIntegrationEvent;

/// <summary>What a customer bought and received, for reviews (only buyers who received a product review it) and recommendations.</summary>
public interface IPurchaseHistory
{
    /// <summary>Whether a parcel holding the product was delivered to the customer.</summary>
    Task<bool> HasReceivedAsync(Guid customerId, Guid productId, CancellationToken cancellationToken = default);

    /// <summary>The products in the customer's orders (cancelled ones too: they were chosen), most recent first.</summary>
    Task<IReadOnlyList<Guid>> BoughtProductsAsync(Guid customerId, int limit, CancellationToken cancellationToken = default);

    /// <summary>Every product delivered to a customer, once per customer and product, with when it first arrived; oldest first.</summary>
    Task<IReadOnlyList<ReceivedProduct>> ReceivedAsync(int limit, CancellationToken cancellationToken = default);
}

public sealed record ReceivedProduct(Guid CustomerId, Guid ProductId, Guid SellerId, DateTimeOffset DeliveredAt);

/// <summary>An order as a customer names it when asking about it.</summary>
public sealed record CustomerOrderReference(Guid Id, string Number, DateTimeOffset PlacedAt);

/// <summary>A customer's own orders, for support: to pick one and to check one named is theirs.</summary>
public interface ICustomerOrderReferences
{
    /// <summary>The customer's most recent orders, newest first.</summary>
    Task<IReadOnlyList<CustomerOrderReference>> RecentAsync(Guid customerId, int limit, CancellationToken cancellationToken = default);

    /// <summary>The order, when it is the customer's; null otherwise.</summary>
    Task<CustomerOrderReference?> FindOwnAsync(Guid customerId, Guid orderId, CancellationToken cancellationToken = default);

    /// <summary>The sellers with a part in the customer's own order; empty when the order is not theirs.</summary>
    Task<IReadOnlyList<Guid>> SellersOfOwnAsync(Guid customerId, Guid orderId, CancellationToken cancellationToken = default);
}

/// <param name="CategoryId">The product's category when ordered; null for lines ordered before it was kept.</param>
public sealed record OrderFactLine(Guid ProductId, Guid VariantId, Guid SellerId, Guid? CategoryId, int Quantity, decimal Total);

/// <summary>What sales figures need of an order: its lines, how it was paid and the moments that change what it counts for.</summary>
/// <param name="RefundedOfflineAt">When money paid outside an online payment (cash on delivery) was handed back in full.</param>
public sealed record OrderFacts(
    Guid Id, Guid? CustomerId, string Email, string PaymentMethod, OrderStatus Status, decimal Total, DateTimeOffset PlacedAt,
    DateTimeOffset? CancelledAt, DateTimeOffset? ReturnedAt, DateTimeOffset? RefundedOfflineAt, IReadOnlyList<OrderFactLine> Lines);

/// <summary>Orders as facts for sales figures, one at a time (as events arrive) or all, page by page (to recount).</summary>
public interface IOrderFacts
{
    Task<OrderFacts?> FindAsync(Guid orderId, CancellationToken cancellationToken = default);

    Task<int> CountAsync(CancellationToken cancellationToken = default);

    /// <summary>The next orders by id after <paramref name="afterId"/> (from the first when null), walking the primary key.</summary>
    Task<IReadOnlyList<OrderFacts>> PageAsync(Guid? afterId, int size, CancellationToken cancellationToken = default);
}

/// <summary>An order that waits for someone to act on it.</summary>
public sealed record WaitingOrder(Guid Id, string Number, DateTimeOffset PlacedAt, OrderStatus Status, decimal Total, string Currency);

/// <summary>A seller's part of an order that is still to ship.</summary>
public sealed record WaitingFulfillment(Guid FulfillmentId, string OrderNumber, DateTimeOffset PlacedAt, FulfillmentStatus Status, int Units);

/// <summary>The oldest orders waiting for action, a few at a time (each list reads one index range).</summary>
public interface IOrderQueues
{
    /// <summary>Orders sellers may work on (paid, or cash on delivery) that have not all shipped, oldest first.</summary>
    Task<IReadOnlyList<WaitingOrder>> AwaitingFulfillmentAsync(int limit, CancellationToken cancellationToken = default);

    /// <summary>Orders whose customers asked to return them, oldest first.</summary>
    Task<IReadOnlyList<WaitingOrder>> ReturnRequestsAsync(int limit, CancellationToken cancellationToken = default);

    /// <summary>The seller's own fulfilments that are ready to ship and have not, oldest order first.</summary>
    Task<IReadOnlyList<WaitingFulfillment>> ToShipAsync(Guid sellerId, int limit, CancellationToken cancellationToken = default);

    /// <summary>The numbers of these orders, for lists other modules keep (failed payments).</summary>
    Task<IReadOnlyDictionary<Guid, string>> NumbersAsync(IReadOnlyCollection<Guid> orderIds, CancellationToken cancellationToken = default);
}

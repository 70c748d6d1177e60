using System.Globalization;
using Shop.Web.Modules.Ordering.Contracts;
using Shop.Web.Platform.Errors;
using Shop.Web.Platform.Localization;

namespace Shop.Web.Modules.Ordering.Data;

/// <summary>
/// An order and its life: pending payment → paid → processing → shipped → delivered; cancelled
/// before anything shipped; return requested → returned → refunded after delivery. Fulfilment is
/// per seller, and the order's status follows its fulfilments. Every change lands in the timeline.
/// </summary>
public sealed class Order
{
    public const string CashOnDelivery = "cod";

    private readonly List<OrderLine> lines = [];
    private readonly List<Fulfillment> fulfillments = [];
    private readonly List<OrderEvent> events = [];

    private Order() { }

    public Guid Id { get; private set; }
    public string Number { get; private set; } = "";
    public Guid? CustomerId { get; private set; }
    public string Email { get; private set; } = "";
    public string CustomerName { get; private set; } = "";
    public OrderStatus Status { get; private set; }
    public string PaymentMethod { get; private set; } = "";
    public DateTimeOffset? PaidAt { get; private set; }
    public string Currency { get; private set; } = "";

    /// <summary>The culture the buyer shopped in: messages about the order speak it.</summary>
    public string Language { get; private set; } = "";
    public decimal Subtotal { get; private set; }
    public decimal Discount { get; private set; }
    public decimal Tax { get; private set; }
    public decimal Shipping { get; private set; }
    public decimal Total { get; private set; }
    public bool PricesIncludeTax { get; private set; }
    public string? CouponCode { get; private set; }
    public string ShippingMethodCode { get; private set; } = "";
    public string ShippingMethodName { get; private set; } = "";
    public OrderAddress ShippingAddress { get; private set; } = new();
    public OrderAddress BillingAddress { get; private set; } = new();
    public string? IdempotencyScope { get; private set; }
    public string? IdempotencyKey { get; private set; }

    /// <summary>SHA-256 of the request the key was first sent with: the same key with other details is refused.</summary>
    public string? IdempotencyRequestHash { get; private set; }
    public DateTimeOffset PlacedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public IReadOnlyList<OrderLine> Lines => lines;
    public IReadOnlyList<Fulfillment> Fulfillments => fulfillments;
    public IReadOnlyList<OrderEvent> Events => events;

    public bool IsPaid => PaidAt is not null;

    /// <summary>Before anything left a warehouse, the customer (or an admin) may cancel.</summary>
    public bool CanBeCancelled => Status is OrderStatus.PendingPayment or OrderStatus.Paid or OrderStatus.Processing
        && fulfillments.All(f => f.Status is FulfillmentStatus.Pending or FulfillmentStatus.Processing or FulfillmentStatus.Cancelled);

    /// <summary>When the last of its parcels was delivered; null before.</summary>
    public DateTimeOffset? DeliveredAt => fulfillments.Max(f => f.DeliveredAt);

    /// <summary>Once delivered, the customer may ask to return it within the <paramref name="window"/> after delivery.</summary>
    public bool CanRequestReturn(DateTimeOffset now, TimeSpan window) => Status == OrderStatus.Delivered && DeliveredAt + window > now;

    /// <summary>Sellers may work on an order once it is paid, or at once when the buyer pays on delivery.</summary>
    public bool IsReadyToFulfil => IsPaid || PaymentMethod == CashOnDelivery;

    public static Order Place(OrderDraft draft, DateTimeOffset now)
    {
        if (draft.Lines.Count == 0)
            throw new RuleViolationException("order.empty", "Your cart is empty.");
        var order = new Order
        {
            Id = Guid.CreateVersion7(now), Number = draft.Number, CustomerId = draft.CustomerId, Email = draft.Email, CustomerName = draft.CustomerName,
            Status = OrderStatus.PendingPayment, PaymentMethod = draft.PaymentMethod, Currency = draft.Currency, Language = ShopLanguages.Current.Culture, Subtotal = draft.Subtotal,
            Discount = draft.Discount, Tax = draft.Tax, Shipping = draft.Shipping, Total = draft.Total, PricesIncludeTax = draft.PricesIncludeTax,
            CouponCode = draft.CouponCode, ShippingMethodCode = draft.ShippingMethodCode, ShippingMethodName = draft.ShippingMethodName,
            ShippingAddress = OrderAddress.From(draft.ShippingAddress), BillingAddress = OrderAddress.From(draft.BillingAddress),
            IdempotencyScope = draft.IdempotencyScope, IdempotencyKey = draft.IdempotencyKey,
            IdempotencyRequestHash = draft.IdempotencyRequestHash, PlacedAt = now, UpdatedAt = now,
        };
        foreach (var sellerLines in draft.Lines.GroupBy(l => l.SellerId))
        {
            var fulfillment = new Fulfillment(order.Id, sellerLines.Key, now);
            order.fulfillments.Add(fulfillment);
            order.lines.AddRange(sellerLines.Select(l => new OrderLine(order.Id, fulfillment.Id, l)));
        }
        order.Record("placed", draft.PaymentMethod == CashOnDelivery ? "Order placed; to be paid on delivery." : "Order placed; waiting for payment.", null, now);
        return order;
    }

    public void MarkPaid(Guid? actorId, DateTimeOffset now)
    {
        if (IsPaid)
            throw Illegal("marked paid again");
        if (Status is OrderStatus.Cancelled)
            throw Illegal("marked paid");
        PaidAt = now;
        if (Status == OrderStatus.PendingPayment)
            Status = OrderStatus.Paid;
        Record("paid", "Payment received.", actorId, now);
    }

    /// <summary>
    /// A provider's confirmation that the order's money arrived. Repeats change nothing; money for an
    /// order cancelled meanwhile is noted for a refund rather than reviving the order.
    /// </summary>
    /// <param name="chargedAs">What the provider charged when it was another currency (with the rate), for the timeline.</param>
    public void ReceivePayment(string provider, decimal amount, string? chargedAs, Func<decimal, string> showMoney, DateTimeOffset now)
    {
        if (IsPaid)
            return;
        if (Status == OrderStatus.Cancelled)
        {
            events.Add(new OrderEvent(Id, "note", $"A payment of {showMoney(amount)} ({provider}) arrived after the order was cancelled; refund it.", null, isInternal: true, now));
            return;
        }
        PaidAt = now;
        if (Status == OrderStatus.PendingPayment)
            Status = OrderStatus.Paid;
        Record("paid", chargedAs is null ? Sentence(TimelineSentences.PaymentReceived, showMoney(amount)) : Sentence(TimelineSentences.PaymentReceivedCharged, showMoney(amount), chargedAs), null, now);
    }

    /// <summary>Money went back to the buyer; a full refund of a returned or cancelled order closes it as refunded.</summary>
    public void ReceiveRefund(decimal amount, bool full, string reason, Func<decimal, string> showMoney, DateTimeOffset now)
    {
        Record("refund", Sentence(TimelineSentences.RefundedBecause, showMoney(amount), reason), null, now);
        if (full && Status is OrderStatus.Returned or OrderStatus.Cancelled or OrderStatus.ReturnRequested)
            Status = OrderStatus.Refunded;
    }

    /// <summary>A declined attempt: the order stays open for another try.</summary>
    public void RecordPaymentFailure(string reason, DateTimeOffset now)
    {
        if (Status == OrderStatus.PendingPayment && !IsPaid)
            Record("payment_failed", Sentence(TimelineSentences.PaymentFailed, reason), null, now);
    }

    public void Cancel(string reason, Guid? actorId, DateTimeOffset now)
    {
        EnsureLength("Reason", reason, 500);
        if (!CanBeCancelled)
            throw Illegal("cancelled", Status is OrderStatus.Shipped or OrderStatus.Delivered or OrderStatus.Processing ? "Part of it has already shipped." : null);
        foreach (var fulfillment in fulfillments)
            fulfillment.Cancel(now);
        Status = OrderStatus.Cancelled;
        Record("cancelled", Sentence(TimelineSentences.Cancelled, reason), actorId, now);
    }

    public void RequestReturn(string reason, Guid? actorId, DateTimeOffset now, TimeSpan window)
    {
        EnsureLength("Reason", reason, 500);
        if (!CanRequestReturn(now, window))
            throw Illegal("returned", Status == OrderStatus.Delivered
                ? $"Returns are accepted within {window.TotalDays:0} days of delivery."
                : "Returns can be requested once the order is delivered.");
        Status = OrderStatus.ReturnRequested;
        Record("return_requested", Sentence(TimelineSentences.ReturnRequested, reason), actorId, now);
    }

    public void AcceptReturn(Guid? actorId, DateTimeOffset now)
    {
        if (Status != OrderStatus.ReturnRequested)
            throw Illegal("marked returned", "No return was requested.");
        Status = OrderStatus.Returned;
        Record("returned", "Return received; the items are back in stock.", actorId, now);
    }

    /// <summary>Money paid outside an online payment (cash on delivery) was handed back; online payments are refunded through their provider.</summary>
    public void MarkRefunded(Guid? actorId, Func<decimal, string> showMoney, DateTimeOffset now)
    {
        EnsureRefundable();
        Status = OrderStatus.Refunded;
        Record("refunded", Sentence(TimelineSentences.Refunded, showMoney(Total)), actorId, now);
    }

    /// <summary>Refusing early lets an online refund be asked of the provider only for an order that may be refunded.</summary>
    public void EnsureRefundable()
    {
        if (Status != OrderStatus.Returned || !IsPaid)
            throw Illegal("refunded", IsPaid ? "Only returned orders are refunded here." : "Nothing was paid.");
    }

    /// <summary>A seller's step on its part of the order; the order follows its fulfilments.</summary>
    public void Advance(Guid fulfillmentId, FulfillmentStatus to, string? carrier, string? trackingNumber, Guid? actorId, DateTimeOffset now)
    {
        var fulfillment = fulfillments.Single(f => f.Id == fulfillmentId);
        EnsureLength("Carrier", carrier, 100);
        EnsureLength("TrackingNumber", trackingNumber, 100);
        if (!IsReadyToFulfil)
            throw Illegal("fulfilled", "It is not paid yet.");
        if (Status is OrderStatus.Cancelled or OrderStatus.ReturnRequested or OrderStatus.Returned or OrderStatus.Refunded)
            throw Illegal("fulfilled");
        fulfillment.MoveTo(to, carrier, trackingNumber, now);
        Record(to.ToString().ToLowerInvariant(), to switch
        {
            FulfillmentStatus.Processing => "A seller is preparing your items.",
            FulfillmentStatus.Shipped => Sentence(TimelineSentences.Shipped, carrier, trackingNumber),
            FulfillmentStatus.OutForDelivery => "Out for delivery: the courier is bringing it today.",
            _ => "Delivered.",
        }, actorId, now, fulfillmentId);
        var live = fulfillments.Where(f => f.Status != FulfillmentStatus.Cancelled).ToList();
        var next = live.All(f => f.Status == FulfillmentStatus.Delivered) ? OrderStatus.Delivered
            : live.All(f => f.Status is FulfillmentStatus.Shipped or FulfillmentStatus.OutForDelivery or FulfillmentStatus.Delivered) ? OrderStatus.Shipped
            : OrderStatus.Processing;
        if (next != Status)
            Status = next;
        // Cash on delivery: the courier collected the money when the last part was delivered.
        if (next == OrderStatus.Delivered && PaymentMethod == CashOnDelivery && !IsPaid)
        {
            PaidAt = now;
            Record("paid", "Cash collected on delivery.", actorId, now);
        }
    }

    /// <param name="fulfillmentId">The seller's shipment the note is about, if any.</param>
    public void AddNote(string text, Guid actorId, DateTimeOffset now, Guid? fulfillmentId = null)
    {
        EnsureLength("Text", text, 1000);
        events.Add(new OrderEvent(Id, "note", text, actorId, isInternal: true, now, fulfillmentId));
    }

    private static void EnsureLength(string field, string? text, int maximum)
    {
        if (text?.Length > maximum)
            throw new InputValidationException(field, $"Use at most {maximum:N0} characters.");
    }

    private static string Sentence(string format, params object?[] details) => string.Format(CultureInfo.InvariantCulture, format, details);

    private void Record(string kind, string message, Guid? actorId, DateTimeOffset now, Guid? fulfillmentId = null)
    {
        events.Add(new OrderEvent(Id, kind, message, actorId, isInternal: false, now, fulfillmentId));
        UpdatedAt = now;
    }

    private ConflictException Illegal(string action, string? why = null) =>
        new("order.illegal_transition", $"Order {Number} is {Describe(Status)} and cannot be {action}.{(why is null ? "" : " " + why)}");

    public static string Describe(OrderStatus status) => status switch
    {
        OrderStatus.PendingPayment => "pending payment",
        OrderStatus.ReturnRequested => "awaiting a return",
        _ => status.ToString().ToLowerInvariant(),
    };
}

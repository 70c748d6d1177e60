using Shop.Web.Platform.Outbox;

namespace Shop.Web.Modules.Payments.Contracts;

/// <summary>A way to pay offered at checkout.</summary>
/// <param name="PaysOnline">False for cash on delivery: the order is confirmed unpaid.</param>
public sealed record PaymentMethod(string Code, string Name, string Description, bool PaysOnline)
{
    /// <summary>It can charge in the shopper's display currency, where the admin allows it, rather than the shop's.</summary>
    public bool ChargesInOtherCurrencies { get; init; }
}

/// <summary>Where to send the buyer to pay (the provider's hosted page).</summary>
public sealed record PaymentStart(Guid PaymentId, string RedirectUrl);

public interface IPayments
{
    /// <summary>The methods this shop offers, in the configured order.</summary>
    Task<IReadOnlyList<PaymentMethod>> MethodsAsync();

    /// <summary>Starts a payment attempt for an unpaid order; the buyer comes back to <paramref name="returnPath"/>.</summary>
    Task<PaymentStart> StartAsync(Guid orderId, string method, string returnPath);

    /// <summary>
    /// Refunds part or all of what an order's online payment collected. Refunds of one payment take
    /// turns on its row, so together they never exceed what was paid.
    /// </summary>
    Task<RefundResult> RefundAsync(Guid orderId, decimal amount, string reason);

    /// <summary>What an order's online payment collected and how much of it was refunded; null when it has none.</summary>
    Task<RefundResult?> RefundStateAsync(Guid orderId);

    /// <summary>The order's most recent payment attempt, as the buyer returns from the provider; null when none was started.</summary>
    Task<PaymentAttempt?> LatestAttemptAsync(Guid orderId);
}

/// <param name="FailureReason">Why the provider declined the attempt; null unless it failed.</param>
public sealed record PaymentAttempt(Guid Id, string Method, bool IsPending, string? FailureReason);

public sealed record RefundResult(Guid PaymentId, decimal Paid, decimal Refunded, string Currency)
{
    public decimal Refundable => Paid - Refunded;
}

/// <summary>Money went back to the buyer.</summary>
[IntegrationEventName("payments.refund-issued")]
public sealed record RefundIssued(Guid OrderId, Guid PaymentId, decimal Amount, bool FullyRefunded, string Reason) : IIntegrationEvent
{
    /// <summary>Names this refund (a payment may be refunded several times).</summary>
    public Guid RefundId { get; init; } = Guid.CreateVersion7();

    /// <summary>When the money went back (sales figures count a refund on its own day).</summary>
    public DateTimeOffset RefundedAt { get; init; }
}

/// <summary>One refund of an online payment, as the payment's history keeps it.</summary>
public sealed record RefundRecord(Guid RefundId, Guid OrderId, decimal Amount, DateTimeOffset RefundedAt);

/// <summary>Every refund ever issued, for recounting sales figures.</summary>
public interface IRefundHistory
{
    /// <summary>All refunds, oldest first.</summary>
    Task<IReadOnlyList<RefundRecord>> RefundsAsync(CancellationToken cancellationToken = default);

    /// <summary>One order's refunds, oldest first.</summary>
    Task<IReadOnlyList<RefundRecord>> RefundsOfAsync(Guid orderId, CancellationToken cancellationToken = default);
}

/// <summary>A provider confirmed that an order's payment went through; <see cref="Amount"/> is in the shop's currency.</summary>
[IntegrationEventName("payments.payment-succeeded")]
public sealed record PaymentSucceeded(Guid OrderId, Guid PaymentId, decimal Amount, string Currency, string Provider) : IIntegrationEvent
{
    /// <summary>What the provider charged when it was another currency, with the recorded rate, e.g. "US$12.01 at ₹83.25 per USD"; null otherwise.</summary>
    public string? ChargedAs { get; init; }
}

/// <summary>A payment attempt was declined or failed; the order stays open for another try.</summary>
[IntegrationEventName("payments.payment-failed")]
public sealed record PaymentFailed(Guid OrderId, Guid PaymentId, string Reason) : IIntegrationEvent;

public sealed record FailedPayment(Guid PaymentId, Guid OrderId, string Provider, decimal Amount, string Currency, string? Reason, DateTimeOffset At);

public interface IPaymentFailures
{
    /// <summary>The latest failed payment attempts, newest first.</summary>
    Task<IReadOnlyList<FailedPayment>> RecentAsync(int limit, CancellationToken cancellationToken = default);
}

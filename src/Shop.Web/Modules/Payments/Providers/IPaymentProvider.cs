using Shop.Web.Modules.Ordering.Contracts;
using Shop.Web.Modules.Payments.Contracts;
using Shop.Web.Modules.Payments.Data;

namespace Shop.Web.Modules.Payments.Providers;

public enum ProviderOutcome
{
    Succeeded,
    Failed,
    Refunded,
    Ignored,
}

/// <summary>A verified provider event, in the shop's terms.</summary>
/// <param name="RefundedTotal">For a refund: all that the provider has refunded of the payment so far.</param>
/// <param name="AttemptReference">The provider's id of the attempt (e.g. its order), to find the payment when the event does not name it.</param>
public sealed record ProviderEvent(
    string EventId, string Type, Guid? PaymentId, string? ProviderReference, decimal? Amount, string? Currency, ProviderOutcome Outcome, string? Reason,
    decimal? RefundedTotal = null, string? AttemptReference = null);

/// <summary>A callback that failed verification: 401 for a bad signature, 400 for anything malformed.</summary>
public sealed class WebhookRejectedException(int statusCode, string reason) : Exception(reason)
{
    public int StatusCode { get; } = statusCode;
}

/// <summary>
/// One way to pay. Adding a provider is a class implementing this and its configuration; no order
/// code changes.
/// </summary>
public interface IPaymentProvider
{
    PaymentMethod Method { get; }

    /// <summary>False when the provider lacks its configuration (e.g. a secret) and must not be offered.</summary>
    bool IsConfigured { get; }

    /// <summary>Prepares the attempt with the provider and returns the hosted page to send the buyer to.</summary>
    Task<string> StartAsync(Payment payment, PayableOrder order, string returnUrl);

    /// <summary>Verifies and reads a callback; throws <see cref="WebhookRejectedException"/> when it is not genuine.</summary>
    ProviderEvent ReadCallback(IHeaderDictionary headers, string body);

    /// <summary>Returns money from a settled payment, <paramref name="amount"/> in its <see cref="Payment.ProviderCurrency"/>; answers the provider's refund reference.</summary>
    Task<string> RefundAsync(Payment payment, decimal amount);

    /// <summary>Asks the provider how a pending attempt ended; null while it is still open there.</summary>
    Task<ProviderEvent?> QueryAsync(Payment payment);
}

/// <summary>Cash on delivery: the order is confirmed unpaid and marked paid when the money is collected.</summary>
internal sealed class CashOnDelivery : IPaymentProvider
{
    public const string Code = "cod";

    public PaymentMethod Method { get; } = new(Code, "Cash on delivery", "Pay the courier when your order arrives.", PaysOnline: false);

    public bool IsConfigured => true;

    public Task<string> StartAsync(Payment payment, PayableOrder order, string returnUrl) =>
        throw new InvalidOperationException("Cash on delivery is collected by the courier, not online.");

    public ProviderEvent ReadCallback(IHeaderDictionary headers, string body) =>
        throw new WebhookRejectedException(StatusCodes.Status404NotFound, "Cash on delivery sends no callbacks.");

    public Task<string> RefundAsync(Payment payment, decimal amount) =>
        throw new InvalidOperationException("Cash on delivery has no online payment to refund.");

    public Task<ProviderEvent?> QueryAsync(Payment payment) => Task.FromResult<ProviderEvent?>(null);
}

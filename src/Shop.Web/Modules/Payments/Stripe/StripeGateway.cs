using System.Text.Json;
using global::Stripe;
using global::Stripe.Checkout;
using Microsoft.Extensions.Options;
using Shop.Web.Modules.Ordering.Contracts;
using Shop.Web.Modules.Payments.Contracts;
using Shop.Web.Modules.Payments.Data;
using Shop.Web.Modules.Payments.Providers;
using Shop.Web.Platform.Errors;
using Shop.Web.Platform.Storefront;
using PaymentMethod = Shop.Web.Modules.Payments.Contracts.PaymentMethod;

namespace Shop.Web.Modules.Payments.Stripe;

public sealed class StripeOptions
{
    public const string Section = "Payments:Stripe";

    /// <summary>The secret API key (sk_…); from the environment only.</summary>
    public string? SecretKey { get; set; }

    /// <summary>The webhook endpoint's signing secret (whsec_…).</summary>
    public string? WebhookSecret { get; set; }

    public string ApiBaseUrl { get; set; } = "https://api.stripe.com";

    /// <summary>How far a webhook's signed timestamp may be from now (Stripe's libraries use five minutes).</summary>
    public TimeSpan Tolerance { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>
/// Stripe through its .NET library (Stripe.net): a Checkout Session per attempt (the buyer pays on
/// Stripe's hosted page), webhooks verified with the library's <c>Stripe-Signature</c> check, refunds on the payment intent.
/// </summary>
public sealed class StripeGateway(IOptions<StripeOptions> options, IHttpClientFactory http, IOptions<StorefrontSettings> store, TimeProvider clock) : IPaymentProvider
{
    public const string Code = "stripe";
    public const string SignatureHeader = "Stripe-Signature";

    public PaymentMethod Method { get; } = new(Code, "Card (Stripe)", "Pay by card on Stripe's secure page.", PaysOnline: true) { ChargesInOtherCurrencies = true };

    public bool IsConfigured => !string.IsNullOrEmpty(options.Value.SecretKey) && !string.IsNullOrEmpty(options.Value.WebhookSecret);

    public async Task<string> StartAsync(Payment payment, PayableOrder order, string returnUrl)
    {
        var back = store.Value.PublicUrl.TrimEnd('/') + returnUrl;
        var metadata = new Dictionary<string, string> { ["payment_id"] = payment.Id.ToString() };
        var session = await RefusalsAsConflicts(() => Client().V1.Checkout.Sessions.CreateAsync(new SessionCreateOptions
        {
            Mode = "payment",
            SuccessUrl = back,
            CancelUrl = back,
            ClientReferenceId = payment.Id.ToString(),
            CustomerEmail = order.Email,
            LineItems =
            [
                new SessionLineItemOptions
                {
                    Quantity = 1,
                    PriceData = new SessionLineItemPriceDataOptions
                    {
                        Currency = payment.ProviderCurrency.ToLowerInvariant(),
                        UnitAmount = ProviderApi.MinorUnits(payment.ProviderAmount, payment.ProviderCurrency),
                        ProductData = new SessionLineItemPriceDataProductDataOptions { Name = $"Order {order.Number}" },
                    },
                },
            ],
            Metadata = metadata,
            PaymentIntentData = new SessionPaymentIntentDataOptions { Metadata = metadata },
        }, new RequestOptions { IdempotencyKey = $"attempt-{payment.Id}" }));
        payment.Reference(session.Id);
        return session.Url;
    }

    public async Task<string> RefundAsync(Payment payment, decimal amount)
    {
        if (payment.ProviderReference is not { } paymentIntent || !paymentIntent.StartsWith("pi_", StringComparison.Ordinal))
            throw new ConflictException("refund.no_charge", "Stripe has not reported the charge of this payment yet.");
        var refund = await RefusalsAsConflicts(() => Client().V1.Refunds.CreateAsync(
            new RefundCreateOptions { PaymentIntent = paymentIntent, Amount = ProviderApi.MinorUnits(amount, payment.ProviderCurrency) },
            new RequestOptions { IdempotencyKey = $"refund-{payment.Id}-{payment.RefundedAmount}-{amount}" }));
        return refund.Id;
    }

    /// <summary>Reads the attempt's Checkout Session: paid, expired, or still open.</summary>
    public async Task<ProviderEvent?> QueryAsync(Payment payment)
    {
        if (payment.ProviderReference is not { } sessionId || !sessionId.StartsWith("cs_", StringComparison.Ordinal))
            return null;
        Session session;
        try
        {
            session = await Client().V1.Checkout.Sessions.GetAsync(sessionId);
        }
        catch (StripeException)
        {
            return null;
        }
        return (session.PaymentStatus, session.Status) switch
        {
            ("paid", _) => new ProviderEvent($"query_{sessionId}_paid", "checkout.session.queried", payment.Id, session.PaymentIntentId,
                ProviderApi.FromMinorUnits(session.AmountTotal ?? 0, session.Currency), session.Currency, ProviderOutcome.Succeeded, null),
            (_, "expired") => new ProviderEvent($"query_{sessionId}_expired", "checkout.session.queried", payment.Id, null, null, null,
                ProviderOutcome.Failed, "The Stripe checkout expired before it was paid."),
            _ => null,
        };
    }

    public ProviderEvent ReadCallback(IHeaderDictionary headers, string body)
    {
        Verify(headers[SignatureHeader].ToString(), body);
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(body).RootElement;
        }
        catch (JsonException)
        {
            throw new WebhookRejectedException(StatusCodes.Status400BadRequest, "The event is not JSON.");
        }
        if (!root.TryGetProperty("id", out var id) || !root.TryGetProperty("type", out var type)
            || !root.TryGetProperty("data", out var data) || !data.TryGetProperty("object", out var item))
            throw new WebhookRejectedException(StatusCodes.Status400BadRequest, "The event lacks id, type or data.object.");
        var paymentId = item.TryGetProperty("metadata", out var metadata) && metadata.TryGetProperty("payment_id", out var pid) && Guid.TryParse(pid.GetString(), out var parsed)
            ? parsed : (Guid?)null;
        string? Text(string name) => item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        decimal? Money(string name) => item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            ? ProviderApi.FromMinorUnits(value.GetInt64(), Text("currency")) : null;
        return type.GetString() switch
        {
            "checkout.session.completed" when Text("payment_status") == "paid" =>
                new(id.GetString()!, "checkout.session.completed", paymentId, Text("payment_intent"), Money("amount_total"), Text("currency"), ProviderOutcome.Succeeded, null,
                    AttemptReference: Text("id")),
            "payment_intent.payment_failed" =>
                new(id.GetString()!, "payment_intent.payment_failed", paymentId, Text("id"), Money("amount"), Text("currency"), ProviderOutcome.Failed,
                    item.TryGetProperty("last_payment_error", out var error) && error.TryGetProperty("message", out var message) ? message.GetString() : "The card payment failed."),
            "charge.refunded" =>
                new(id.GetString()!, "charge.refunded", paymentId, Text("payment_intent"), Money("amount"), Text("currency"), ProviderOutcome.Refunded, null, Money("amount_refunded")),
            var other => new(id.GetString()!, other ?? "unknown", paymentId, null, null, null, ProviderOutcome.Ignored, null),
        };
    }

    private void Verify(string header, string body)
    {
        if (!IsConfigured)
            throw new WebhookRejectedException(StatusCodes.Status401Unauthorized, "Stripe webhooks are not configured.");
        try
        {
            EventUtility.ValidateSignature(body, header, options.Value.WebhookSecret!, (long)options.Value.Tolerance.TotalSeconds, clock.GetUtcNow().ToUnixTimeSeconds());
        }
        catch (StripeException refused)
        {
            throw new WebhookRejectedException(StatusCodes.Status401Unauthorized, refused.Message);
        }
    }

    /// <summary>A client per call: the factory's HttpClient keeps its timeout and rotates its handlers.</summary>
    private StripeClient Client() => new(new StripeClientOptions
    {
        ApiKey = options.Value.SecretKey,
        ApiBase = options.Value.ApiBaseUrl.TrimEnd('/'),
        // No retries of its own: a failed call fails the request or the outbox message, which retry as they always have.
        HttpClient = new SystemNetHttpClient(http.CreateClient(Code), maxNetworkRetries: 0),
    });

    private static async Task<T> RefusalsAsConflicts<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (StripeException refused)
        {
            throw new ConflictException("payment.provider_error", $"Stripe refused the request ({(int)refused.HttpStatusCode}): {refused.StripeError?.Message ?? refused.Message}");
        }
    }
}

using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Shop.Web.Modules.Ordering.Contracts;
using Shop.Web.Modules.Payments.Contracts;
using Shop.Web.Modules.Payments.Data;
using Shop.Web.Modules.Payments.Providers;
using Shop.Web.Platform.Storefront;

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
/// Stripe over its documented HTTP API: a Checkout Session per attempt (the buyer pays on Stripe's
/// hosted page), webhooks verified with the <c>Stripe-Signature</c> scheme, refunds on the payment intent.
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
        using var session = await SendAsync("/v1/checkout/sessions", $"attempt-{payment.Id}", new Dictionary<string, string>
        {
            ["mode"] = "payment",
            ["success_url"] = back,
            ["cancel_url"] = back,
            ["client_reference_id"] = payment.Id.ToString(),
            ["customer_email"] = order.Email,
            ["line_items[0][quantity]"] = "1",
            ["line_items[0][price_data][currency]"] = payment.ProviderCurrency.ToLowerInvariant(),
            ["line_items[0][price_data][unit_amount]"] = ProviderApi.MinorUnits(payment.ProviderAmount, payment.ProviderCurrency).ToString(CultureInfo.InvariantCulture),
            ["line_items[0][price_data][product_data][name]"] = $"Order {order.Number}",
            ["metadata[payment_id]"] = payment.Id.ToString(),
            ["payment_intent_data[metadata][payment_id]"] = payment.Id.ToString(),
        });
        payment.Reference(session.RootElement.GetProperty("id").GetString()!);
        return session.RootElement.GetProperty("url").GetString()!;
    }

    public async Task<string> RefundAsync(Payment payment, decimal amount)
    {
        if (payment.ProviderReference is not { } paymentIntent || !paymentIntent.StartsWith("pi_", StringComparison.Ordinal))
            throw new Platform.Errors.ConflictException("refund.no_charge", "Stripe has not reported the charge of this payment yet.");
        using var refund = await SendAsync("/v1/refunds", $"refund-{payment.Id}-{payment.RefundedAmount}-{amount}", new Dictionary<string, string>
        {
            ["payment_intent"] = paymentIntent,
            ["amount"] = ProviderApi.MinorUnits(amount, payment.ProviderCurrency).ToString(CultureInfo.InvariantCulture),
        });
        return refund.RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>Reads the attempt's Checkout Session: paid, expired, or still open.</summary>
    public async Task<ProviderEvent?> QueryAsync(Payment payment)
    {
        if (payment.ProviderReference is not { } sessionId || !sessionId.StartsWith("cs_", StringComparison.Ordinal))
            return null;
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{options.Value.ApiBaseUrl.TrimEnd('/')}/v1/checkout/sessions/{Uri.EscapeDataString(sessionId)}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Value.SecretKey);
        using var response = await http.CreateClient(Code).SendAsync(request);
        if (!response.IsSuccessStatusCode)
            return null;
        using var session = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = session.RootElement;
        string? Text(string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        return (Text("payment_status"), Text("status")) switch
        {
            ("paid", _) => new ProviderEvent($"query_{sessionId}_paid", "checkout.session.queried", payment.Id, Text("payment_intent"),
                ProviderApi.FromMinorUnits(root.GetProperty("amount_total").GetInt64(), Text("currency")), Text("currency"), ProviderOutcome.Succeeded, null),
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

    /// <summary>Stripe's scheme: HMAC-SHA256 of "{t}.{body}" with the endpoint secret, compared with every v1 value, within the tolerance.</summary>
    private void Verify(string header, string body)
    {
        var pairs = header.Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToList();
        var timestamp = pairs.FirstOrDefault(p => p[0] == "t")?[1];
        var signatures = pairs.Where(p => p[0] == "v1").Select(p => p[1]).ToList();
        if (!IsConfigured || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || signatures.Count == 0)
            throw new WebhookRejectedException(StatusCodes.Status401Unauthorized, "The Stripe-Signature header is missing or malformed.");
        var expected = Encoding.ASCII.GetBytes(Convert.ToHexStringLower(
            HMACSHA256.HashData(Encoding.UTF8.GetBytes(options.Value.WebhookSecret!), Encoding.UTF8.GetBytes($"{timestamp}.{body}"))));
        if (!signatures.Any(s => CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(s))))
            throw new WebhookRejectedException(StatusCodes.Status401Unauthorized, "No signature matches the payload.");
        if ((clock.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > options.Value.Tolerance)
            throw new WebhookRejectedException(StatusCodes.Status401Unauthorized, "The signature's timestamp is outside the tolerance.");
    }

    private async Task<JsonDocument> SendAsync(string path, string idempotencyKey, Dictionary<string, string> form)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, options.Value.ApiBaseUrl.TrimEnd('/') + path) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Value.SecretKey);
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await ProviderApi.SendAsync(http.CreateClient(Code), request, "Stripe");
    }
}

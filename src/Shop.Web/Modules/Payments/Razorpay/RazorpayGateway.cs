using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Shop.Web.Modules.Ordering.Contracts;
using Shop.Web.Modules.Payments.Contracts;
using Shop.Web.Modules.Payments.Data;
using Shop.Web.Modules.Payments.Providers;

namespace Shop.Web.Modules.Payments.Razorpay;

public sealed class RazorpayOptions
{
    public const string Section = "Payments:Razorpay";

    public string? KeyId { get; set; }

    /// <summary>The API key secret; it also signs checkout results.</summary>
    public string? KeySecret { get; set; }

    /// <summary>The secret of the webhook configured in Razorpay's dashboard.</summary>
    public string? WebhookSecret { get; set; }

    public string ApiBaseUrl { get; set; } = "https://api.razorpay.com";
}

/// <summary>
/// Razorpay over its documented API: an order per attempt, Standard Checkout (Razorpay's own script and
/// frame) posting back a result signed as HMAC-SHA256("order_id|payment_id") with the key secret,
/// webhooks signed over the raw body (<c>X-Razorpay-Signature</c>), refunds on the payment.
/// </summary>
public sealed class RazorpayGateway(IOptions<RazorpayOptions> options, IHttpClientFactory http) : IPaymentProvider
{
    public const string Code = "razorpay";
    public const string SignatureHeader = "X-Razorpay-Signature";
    public const string EventIdHeader = "X-Razorpay-Event-Id";

    public PaymentMethod Method { get; } = new(Code, "UPI, cards or net banking (Razorpay)", "Pay on Razorpay's secure checkout.", PaysOnline: true);

    public bool IsConfigured => !string.IsNullOrEmpty(options.Value.KeyId) && !string.IsNullOrEmpty(options.Value.KeySecret) && !string.IsNullOrEmpty(options.Value.WebhookSecret);

    public string KeyId => options.Value.KeyId ?? "";

    public async Task<string> StartAsync(Payment payment, PayableOrder order, string returnUrl)
    {
        using var created = await SendAsync(HttpMethod.Post, "/v1/orders", new
        {
            amount = ProviderApi.MinorUnits(payment.Amount, payment.Currency), currency = payment.Currency, receipt = order.Number,
            notes = new Dictionary<string, string> { ["payment_id"] = payment.Id.ToString() },
        });
        payment.Reference(created.RootElement.GetProperty("id").GetString()!);
        return $"/payments/razorpay/{payment.Id}?return={Uri.EscapeDataString(returnUrl)}";
    }

    /// <summary>Checks the result Standard Checkout posts back: HMAC-SHA256 of "order_id|payment_id" with the key secret.</summary>
    public bool IsGenuineCheckoutResult(string orderId, string paymentId, string signature) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hmac(options.Value.KeySecret!, $"{orderId}|{paymentId}")), Encoding.ASCII.GetBytes(signature.ToLowerInvariant()));

    public ProviderEvent ReadCallback(IHeaderDictionary headers, string body)
    {
        var signature = headers[SignatureHeader].ToString();
        if (!IsConfigured || signature.Length == 0
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hmac(options.Value.WebhookSecret!, body)), Encoding.ASCII.GetBytes(signature.ToLowerInvariant())))
            throw new WebhookRejectedException(StatusCodes.Status401Unauthorized, "X-Razorpay-Signature does not match the body.");
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(body).RootElement;
        }
        catch (JsonException)
        {
            throw new WebhookRejectedException(StatusCodes.Status400BadRequest, "The event is not JSON.");
        }
        if (!root.TryGetProperty("event", out var type) || !root.TryGetProperty("payload", out var payload)
            || !payload.TryGetProperty("payment", out var paymentWrapper) || !paymentWrapper.TryGetProperty("entity", out var entity))
            throw new WebhookRejectedException(StatusCodes.Status400BadRequest, "The event lacks event or payload.payment.entity.");
        // Razorpay names each delivery in a header; the body's payment id and event name identify it otherwise.
        var eventId = headers[EventIdHeader].FirstOrDefault() is { Length: > 0 } header ? header : $"{type.GetString()}:{Text(entity, "id")}";
        var paymentId = entity.TryGetProperty("notes", out var notes) && notes.ValueKind == JsonValueKind.Object && notes.TryGetProperty("payment_id", out var pid)
            && Guid.TryParse(pid.GetString(), out var parsed) ? parsed : (Guid?)null;
        var amount = entity.TryGetProperty("amount", out var paise) ? paise.GetInt64() / 100m : (decimal?)null;
        return type.GetString() switch
        {
            "payment.captured" => new(eventId, "payment.captured", paymentId, Text(entity, "id"), amount, Text(entity, "currency"), ProviderOutcome.Succeeded, null,
                AttemptReference: Text(entity, "order_id")),
            "payment.failed" => new(eventId, "payment.failed", paymentId, Text(entity, "id"), amount, Text(entity, "currency"), ProviderOutcome.Failed,
                Text(entity, "error_description") ?? "The payment failed at Razorpay.", AttemptReference: Text(entity, "order_id")),
            "refund.processed" => new(eventId, "refund.processed", paymentId, Text(entity, "id"), amount, Text(entity, "currency"), ProviderOutcome.Refunded, null,
                entity.TryGetProperty("amount_refunded", out var refunded) ? refunded.GetInt64() / 100m : null, Text(entity, "order_id")),
            var other => new(eventId, other ?? "unknown", paymentId, null, null, null, ProviderOutcome.Ignored, null),
        };
    }

    public async Task<string> RefundAsync(Payment payment, decimal amount)
    {
        if (payment.ProviderReference is not { } razorpayPayment || !razorpayPayment.StartsWith("pay_", StringComparison.Ordinal))
            throw new Platform.Errors.ConflictException("refund.no_charge", "Razorpay has not reported the captured payment yet.");
        using var refund = await SendAsync(HttpMethod.Post, $"/v1/payments/{razorpayPayment}/refund", new { amount = ProviderApi.MinorUnits(amount, payment.Currency) });
        return refund.RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>Reads the payments of the attempt's Razorpay order: one captured, or all failed.</summary>
    public async Task<ProviderEvent?> QueryAsync(Payment payment)
    {
        if (payment.ProviderReference is not { } orderId || !orderId.StartsWith("order_", StringComparison.Ordinal))
            return null;
        using var list = await SendAsync(HttpMethod.Get, $"/v1/orders/{orderId}/payments", null);
        var items = list.RootElement.GetProperty("items").EnumerateArray().ToList();
        if (items.FirstOrDefault(i => Text(i, "status") == "captured") is { ValueKind: JsonValueKind.Object } captured)
            return new ProviderEvent($"query_{Text(captured, "id")}_captured", "order.payments.queried", payment.Id, Text(captured, "id"),
                captured.GetProperty("amount").GetInt64() / 100m, Text(captured, "currency"), ProviderOutcome.Succeeded, null);
        return null;
    }

    private async Task<JsonDocument> SendAsync(HttpMethod method, string path, object? body)
    {
        using var request = new HttpRequestMessage(method, options.Value.ApiBaseUrl.TrimEnd('/') + path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.Value.KeyId}:{options.Value.KeySecret}")));
        return await ProviderApi.SendAsync(http.CreateClient(Code), request, "Razorpay");
    }

    private static string Hmac(string secret, string text) => Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(text)));

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

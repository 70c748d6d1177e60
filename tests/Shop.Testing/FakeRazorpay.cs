using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Shop.Testing;

/// <summary>
/// A stand-in for api.razorpay.com on a loopback port: orders, an order's payments and refunds in
/// Razorpay's JSON shapes behind Basic authentication; and the two documented signatures (checkout
/// result over "order_id|payment_id" with the key secret, webhooks over the body with the webhook secret).
/// </summary>
public sealed class FakeRazorpay : IAsyncDisposable
{
    public const string KeyId = "rzp_test_fake";
    public const string KeySecret = "fake_key_secret";
    public const string WebhookSecret = "fake_webhook_secret";

    private WebApplication? app;

    public string Url { get; private set; } = "";

    public ConcurrentQueue<(string Path, JsonElement Body)> Requests { get; } = new();

    /// <summary>Payments per Razorpay order, as GET /v1/orders/{id}/payments lists them.</summary>
    public ConcurrentDictionary<string, List<object>> OrderPayments { get; } = new();

    public static async Task<FakeRazorpay> StartAsync()
    {
        var fake = new FakeRazorpay();
        var basic = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{KeyId}:{KeySecret}"));
        IResult Unauthorized() => Results.Json(new { error = new { code = "BAD_REQUEST_ERROR", description = "Authentication failed" } }, statusCode: 401);
        async Task<JsonElement?> AcceptAsync(HttpContext context)
        {
            if (context.Request.Headers.Authorization.ToString() != basic)
                return null;
            var body = await JsonSerializer.DeserializeAsync<JsonElement>(context.Request.Body);
            fake.Requests.Enqueue((context.Request.Path, body));
            return body;
        }
        fake.app = await LoopbackServer.StartAsync(app =>
        {
            app.MapPost("/v1/orders", async (HttpContext context) =>
                await AcceptAsync(context) is not { } body ? Unauthorized() : Results.Json(new
                {
                    id = "order_" + Guid.NewGuid().ToString("N")[..14], entity = "order", amount = body.GetProperty("amount").GetInt64(), amount_paid = 0,
                    amount_due = body.GetProperty("amount").GetInt64(), currency = body.GetProperty("currency").GetString(), receipt = body.GetProperty("receipt").GetString(),
                    status = "created", attempts = 0, notes = body.GetProperty("notes"), created_at = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                }));
            app.MapGet("/v1/orders/{id}/payments", (string id, HttpContext context) =>
                context.Request.Headers.Authorization.ToString() != basic ? Unauthorized()
                    : Results.Json(new { entity = "collection", count = fake.OrderPayments.GetValueOrDefault(id)?.Count ?? 0, items = fake.OrderPayments.GetValueOrDefault(id) ?? [] }));
            app.MapPost("/v1/payments/{id}/refund", async (string id, HttpContext context) =>
                await AcceptAsync(context) is not { } body ? Unauthorized()
                    : Results.Json(new { id = "rfnd_" + Guid.NewGuid().ToString("N")[..14], entity = "refund", amount = body.GetProperty("amount").GetInt64(), payment_id = id, status = "processed" }));
        });
        fake.Url = fake.app.Urls.First();
        return fake;
    }

    /// <summary>The signature Standard Checkout returns with a successful payment.</summary>
    public static string CheckoutSignature(string orderId, string paymentId) => Hmac(KeySecret, $"{orderId}|{paymentId}");

    /// <summary>A webhook body in Razorpay's shape with its X-Razorpay-Signature.</summary>
    public static (string Body, string Signature) Webhook(string eventName, object paymentEntity)
    {
        var body = JsonSerializer.Serialize(new
        {
            entity = "event", account_id = "acc_fake", @event = eventName, contains = new[] { "payment" },
            payload = new { payment = new { entity = paymentEntity } }, created_at = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        });
        return (body, Hmac(WebhookSecret, body));
    }

    private static string Hmac(string secret, string text) => Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(text)));

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
            await app.DisposeAsync();
    }
}

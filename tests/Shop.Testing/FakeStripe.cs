using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Shop.Testing;

/// <summary>
/// A stand-in for api.stripe.com on a loopback port: it takes the documented form-encoded requests
/// (Checkout Sessions, Refunds) with a bearer secret key and answers in Stripe's JSON shapes; and it
/// signs webhook events the way Stripe documents (<c>Stripe-Signature: t=…,v1=HMAC-SHA256("t.body")</c>).
/// </summary>
public sealed class FakeStripe : IAsyncDisposable
{
    public const string SecretKey = "sk_test_fake";
    public const string WebhookSecret = "whsec_fake";

    private WebApplication? app;
    private int sessions;

    public string Url { get; private set; } = "";

    /// <summary>How each Checkout Session stands, as GET /v1/checkout/sessions/{id} reports it (open and unpaid until set).</summary>
    public ConcurrentDictionary<string, (string PaymentStatus, string Status, string? PaymentIntent)> Sessions { get; } = new();

    private readonly ConcurrentDictionary<string, (long Amount, string Currency, string PaymentId)> created = new();

    /// <summary>Every accepted request: path and form fields.</summary>
    public ConcurrentQueue<(string Path, Dictionary<string, string> Form)> Requests { get; } = new();

    public static async Task<FakeStripe> StartAsync()
    {
        var fake = new FakeStripe();
        fake.app = await LoopbackServer.StartAsync(app =>
        {
            app.MapPost("/v1/checkout/sessions", async (HttpContext context) =>
            {
                if (await fake.AcceptAsync(context) is not { } form)
                    return InvalidKey();
                var id = $"cs_test_{Interlocked.Increment(ref fake.sessions):D6}";
                fake.created[id] = (long.Parse(form["line_items[0][price_data][unit_amount]"]), form["line_items[0][price_data][currency]"], form["metadata[payment_id]"]);
                return Results.Json(new
                {
                    id, @object = "checkout.session", url = $"https://checkout.stripe.com/c/pay/{id}",
                    amount_total = long.Parse(form["line_items[0][price_data][unit_amount]"]), currency = form["line_items[0][price_data][currency]"],
                    client_reference_id = form["client_reference_id"], metadata = new { payment_id = form["metadata[payment_id]"] },
                    payment_status = "unpaid", status = "open",
                });
            });
            app.MapGet("/v1/checkout/sessions/{id}", (string id, HttpContext context) =>
            {
                if (context.Request.Headers.Authorization.ToString() != $"Bearer {SecretKey}" || !fake.created.TryGetValue(id, out var session))
                    return Results.Json(new { error = new { type = "invalid_request_error", message = $"No such checkout.session: '{id}'" } }, statusCode: 404);
                var (paymentStatus, status, paymentIntent) = fake.Sessions.GetValueOrDefault(id, ("unpaid", "open", null));
                return Results.Json(new
                {
                    id, @object = "checkout.session", amount_total = session.Amount, currency = session.Currency, payment_status = paymentStatus, status,
                    payment_intent = paymentIntent, metadata = new { payment_id = session.PaymentId },
                });
            });
            app.MapPost("/v1/refunds", async (HttpContext context) =>
                await fake.AcceptAsync(context) is not { } form ? InvalidKey() : Results.Json(new
                {
                    id = $"re_{Guid.NewGuid():N}"[..27], @object = "refund", amount = long.Parse(form["amount"]), payment_intent = form["payment_intent"], status = "succeeded",
                }));
        });
        fake.Url = fake.app.Urls.First();
        return fake;
    }

    private static IResult InvalidKey() =>
        Results.Json(new { error = new { type = "invalid_request_error", message = "Invalid API Key provided" } }, statusCode: 401);

    private async Task<Dictionary<string, string>?> AcceptAsync(HttpContext context)
    {
        if (context.Request.Headers.Authorization.ToString() != $"Bearer {SecretKey}")
            return null;
        var form = (await context.Request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString());
        Requests.Enqueue((context.Request.Path, form));
        return form;
    }

    /// <summary>An event as Stripe sends it, with its Stripe-Signature header (timestamp now unless given).</summary>
    public static (string Body, string Signature) Event(string type, object dataObject, DateTimeOffset? signedAt = null, string? id = null)
    {
        var body = JsonSerializer.Serialize(new
        {
            id = id ?? $"evt_{Guid.NewGuid():N}"[..28], @object = "event", api_version = "2024-06-20", created = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            type, livemode = false, pending_webhooks = 1, data = new { @object = dataObject },
        });
        var t = (signedAt ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds();
        var v1 = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(WebhookSecret), Encoding.UTF8.GetBytes($"{t}.{body}")));
        return (body, $"t={t},v1={v1}");
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
            await app.DisposeAsync();
    }
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Shop.Web.Modules.Ordering.Contracts;
using Shop.Web.Modules.Payments.Contracts;
using Shop.Web.Modules.Payments.Data;
using Shop.Web.Modules.Payments.Providers;
using Shop.Web.Platform.Storefront;

namespace Shop.Web.Modules.Payments.Sandbox;

public sealed class SandboxOptions
{
    public const string Section = "Payments:Sandbox";

    /// <summary>Signs the sandbox's callbacks; without it the sandbox is not offered.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>Where the sandbox sends its callbacks; by default this instance's own address.</summary>
    public string? CallbackBaseUrl { get; set; }

    /// <summary>How old a callback's timestamp may be.</summary>
    public TimeSpan Tolerance { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>The event the sandbox posts, signed like Stripe's: <c>Sandbox-Signature: t=&lt;unix time&gt;,v1=&lt;hex HMAC-SHA256 of "t.body"&gt;</c>.</summary>
public sealed record SandboxEvent(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("payment_id")] Guid PaymentId,
    [property: JsonPropertyName("reference")] string Reference,
    [property: JsonPropertyName("amount")] decimal Amount,
    [property: JsonPropertyName("currency")] string Currency,
    [property: JsonPropertyName("reason")] string? Reason,
    [property: JsonPropertyName("created")] long Created);

/// <summary>
/// A payment provider built into the shop for trying the whole flow without an outside account: a
/// hosted page takes test card, UPI or net-banking details and the gateway reports the result with a
/// signed server-to-server callback, like a real provider.
/// </summary>
public sealed class SandboxGateway(IOptions<SandboxOptions> options, IHttpClientFactory http, IServer server, IOptions<StorefrontSettings> store, TimeProvider clock)
    : IPaymentProvider
{
    public const string Code = "sandbox";
    public const string SignatureHeader = "Sandbox-Signature";

    public PaymentMethod Method { get; } = new(Code, "Card, UPI or net banking (sandbox)",
        "A test gateway: use card 4242 4242 4242 4242 or UPI success@upi; nothing is charged.", PaysOnline: true);

    public bool IsConfigured => !string.IsNullOrEmpty(options.Value.WebhookSecret);

    public Task<string> StartAsync(Payment payment, PayableOrder order, string returnUrl) =>
        Task.FromResult($"/payments/sandbox/{payment.Id}?return={Uri.EscapeDataString(returnUrl)}");

    /// <summary>What the hosted page's test details mean: success, a decline with its reason, or no answer yet (pending).</summary>
    public static (ProviderOutcome? Outcome, string? Reason) Outcome(string method, string value)
    {
        var compact = new string(value.Where(c => !char.IsWhiteSpace(c)).ToArray()).ToLowerInvariant();
        return (method, compact) switch
        {
            ("card", "4242424242424242") or ("upi", "success@upi") or ("netbanking", "success") => (ProviderOutcome.Succeeded, null),
            ("card", "4000000000000002") => (ProviderOutcome.Failed, "Your card was declined."),
            ("upi", "failure@upi") => (ProviderOutcome.Failed, "The UPI payment was declined."),
            ("netbanking", "failure") => (ProviderOutcome.Failed, "The bank declined the payment."),
            ("upi", "pending@upi") => (null, null),
            _ => (ProviderOutcome.Failed, "Those details are not a sandbox test value; see the list on this page."),
        };
    }

    /// <summary>Sends the signed callback for a finished attempt, as the gateway's server would.</summary>
    public async Task SendCallbackAsync(Payment payment, ProviderOutcome outcome, string? reason, CancellationToken cancellationToken = default)
    {
        var created = clock.GetUtcNow().ToUnixTimeSeconds();
        var body = JsonSerializer.Serialize(new SandboxEvent($"evt_{Guid.NewGuid():N}", outcome == ProviderOutcome.Succeeded ? "payment.succeeded" : "payment.failed",
            payment.Id, $"sbx_{payment.Id:N}", payment.Amount, payment.Currency, reason, created));
        var client = http.CreateClient(Code);
        client.BaseAddress ??= new Uri(CallbackBase());
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/payments/webhooks/sandbox")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(SignatureHeader, Sign(created, body));
        using var response = await client.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>An attempt the sandbox never saw finished (abandoned, or left pending on purpose) has lapsed there.</summary>
    public Task<ProviderEvent?> QueryAsync(Payment payment) => Task.FromResult<ProviderEvent?>(new ProviderEvent(
        $"query_{payment.Id:N}", "payment.lapsed", payment.Id, null, payment.Amount, payment.Currency, ProviderOutcome.Failed,
        "The payment was not completed at the sandbox."));

    /// <summary>The sandbox returns money at once.</summary>
    public Task<string> RefundAsync(Payment payment, decimal amount) => Task.FromResult($"sbx_rf_{Guid.NewGuid():N}");

    public string Sign(long timestamp, string body)
    {
        var signed = HMACSHA256.HashData(Encoding.UTF8.GetBytes(options.Value.WebhookSecret!), Encoding.UTF8.GetBytes($"{timestamp}.{body}"));
        return $"t={timestamp},v1={Convert.ToHexStringLower(signed)}";
    }

    public ProviderEvent ReadCallback(IHeaderDictionary headers, string body)
    {
        if (!IsConfigured)
            throw new WebhookRejectedException(StatusCodes.Status401Unauthorized, "The sandbox has no webhook secret.");
        var parts = headers[SignatureHeader].ToString().Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0].Trim(), p => p[1].Trim());
        if (!parts.TryGetValue("t", out var t) || !long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp) || !parts.TryGetValue("v1", out var signature))
            throw new WebhookRejectedException(StatusCodes.Status401Unauthorized, "The signature header is missing or malformed.");
        var expected = Encoding.ASCII.GetBytes(Sign(timestamp, body).Split("v1=")[1]);
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature)))
            throw new WebhookRejectedException(StatusCodes.Status401Unauthorized, "The signature does not match.");
        if ((clock.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(timestamp)).Duration() > options.Value.Tolerance)
            throw new WebhookRejectedException(StatusCodes.Status401Unauthorized, "The signature's timestamp is too old.");
        SandboxEvent? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize<SandboxEvent>(body);
        }
        catch (JsonException)
        {
            parsed = null;
        }
        if (parsed is null || string.IsNullOrEmpty(parsed.Id))
            throw new WebhookRejectedException(StatusCodes.Status400BadRequest, "The event is not valid JSON of the sandbox's shape.");
        var outcome = parsed.Type switch
        {
            "payment.succeeded" => ProviderOutcome.Succeeded,
            "payment.failed" => ProviderOutcome.Failed,
            _ => ProviderOutcome.Ignored,
        };
        return new ProviderEvent(parsed.Id, parsed.Type, parsed.PaymentId, parsed.Reference, parsed.Amount, parsed.Currency, outcome, parsed.Reason);
    }

    /// <summary>The configured callback address, else this instance's own HTTP port on loopback, else the public address.</summary>
    private string CallbackBase()
    {
        if (options.Value.CallbackBaseUrl is { } configured)
            return configured;
        var own = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal));
        return own is null ? store.Value.PublicUrl
            : $"http://127.0.0.1:{new Uri(own.Replace("://*", "://localhost").Replace("://+", "://localhost").Replace("://[::]", "://localhost")).Port}";
    }
}

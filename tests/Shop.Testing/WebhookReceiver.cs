using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Shop.Testing;

public sealed record ReceivedWebhook(string Path, string Body, string Id, string Timestamp, string Signature);

/// <summary>
/// An integrator's webhook endpoint on a loopback port: it keeps every request and answers with
/// whatever <see cref="Answer"/> says (200 unless told otherwise).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private WebApplication? app;

    public string Url { get; private set; } = "";

    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    /// <summary>Decides each answer from the path and how many requests that path had (1 for the first).</summary>
    public Func<string, int, IResult> Answer { get; set; } = (_, _) => Results.Ok();

    public static async Task<WebhookReceiver> StartAsync()
    {
        var receiver = new WebhookReceiver();
        receiver.app = await LoopbackServer.StartAsync(app => app.MapPost("/{**path}", async (HttpContext context) =>
        {
            var body = await new StreamReader(context.Request.Body, Encoding.UTF8).ReadToEndAsync();
            var path = context.Request.Path.Value!;
            receiver.Received.Enqueue(new ReceivedWebhook(path, body, context.Request.Headers["Shop-Webhook-Id"].ToString(),
                context.Request.Headers["Shop-Webhook-Timestamp"].ToString(), context.Request.Headers["Shop-Webhook-Signature"].ToString()));
            return receiver.Answer(path, receiver.Received.Count(r => r.Path == path));
        }));
        receiver.Url = receiver.app.Urls.First().TrimEnd('/');
        return receiver;
    }

    public IReadOnlyList<ReceivedWebhook> At(string path) => Received.Where(r => r.Path == path).ToList();

    /// <summary>The check docs/webhooks.md tells integrators to make, written the same way.</summary>
    public static bool Verify(string secret, ReceivedWebhook webhook, TimeSpan tolerance)
    {
        if (!long.TryParse(webhook.Timestamp, out var timestamp)
            || (DateTimeOffset.UtcNow - DateTimeOffset.FromUnixTimeSeconds(timestamp)).Duration() > tolerance)
            return false;
        var expected = "v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{webhook.Body}")));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(webhook.Signature));
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
            await app.DisposeAsync();
    }
}

using System.Net;
using System.Text;
using Microsoft.Extensions.Options;
using Shop.Web.Modules.Webhooks.Data;

namespace Shop.Web.Modules.Webhooks.Dispatch;

public sealed record ClaimedDelivery(Guid Id, Guid EndpointId, string Url, string Secret, string Body, int AttemptCount);

/// <summary>
/// Makes one signed POST and reports how it went. A 2xx within the timeout is a success; anything
/// else (including a redirect, which is never followed) is a failure with its reason. At most the
/// first KiB of the answer is read.
/// </summary>
public sealed class WebhookSender(IHttpClientFactory clients, IOptions<WebhookOptions> options, TimeProvider clock)
{
    public const string ClientName = "webhooks";

    public static SocketsHttpHandler Handler(OutboundAddresses addresses) => new()
    {
        AllowAutoRedirect = false,
        // A proxy would make the connection for us, out of reach of the address check.
        UseProxy = false,
        ConnectCallback = addresses.ConnectAsync,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AutomaticDecompression = DecompressionMethods.None,
    };

    public async Task<WebhookAttempt> SendAsync(ClaimedDelivery delivery, string secret, string eventId, CancellationToken cancellationToken)
    {
        var timeout = options.Value.Timeout;
        var attemptedAt = clock.GetUtcNow();
        var started = clock.GetTimestamp();
        int Elapsed() => (int)clock.GetElapsedTime(started).TotalMilliseconds;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var timestamp = attemptedAt.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url) { Content = new StringContent(delivery.Body, Encoding.UTF8, "application/json") };
        request.Headers.Add(WebhookSignature.IdHeader, eventId);
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(secret, timestamp, delivery.Body));
        request.Headers.UserAgent.ParseAdd("Shop-Webhooks/1");
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            var excerpt = await ExcerptAsync(response, deadline.Token);
            var status = (int)response.StatusCode;
            var error = status switch
            {
                >= 200 and < 300 => null,
                >= 300 and < 400 => $"The receiver answered {status} and redirects are not followed.",
                _ => $"The receiver answered {status}.",
            };
            return new WebhookAttempt(delivery.AttemptCount, attemptedAt, status, Elapsed(), excerpt, error);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WebhookAttempt(delivery.AttemptCount, attemptedAt, null, Elapsed(), null, $"No answer within {timeout.TotalSeconds:0.###} s.");
        }
        catch (HttpRequestException exception)
        {
            var reason = exception.InnerException is BlockedAddressException blocked ? blocked.Message : exception.Message;
            return new WebhookAttempt(delivery.AttemptCount, attemptedAt, null, Elapsed(), null, reason);
        }
    }

    private static async Task<string> ExcerptAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[WebhookAttempt.ExcerptLength];
        var read = await body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
        // Cutting at a byte count may split a character; the decoder turns that piece into U+FFFD.
        return Encoding.UTF8.GetString(buffer, 0, read);
    }
}

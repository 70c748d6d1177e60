using System.Net;
using System.Text.Json;
using Lib.Net.Http.WebPush;
using Lib.Net.Http.WebPush.Authentication;
using Microsoft.EntityFrameworkCore;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Outbox;

namespace Shop.Web.Modules.Notifications.Push;

/// <summary>One push is ready to leave for one device.</summary>
[IntegrationEventName("notifications.push-queued")]
public sealed record PushQueued(Guid PushId) : IIntegrationEvent;

/// <summary>What the service worker shows: a title, a line, and where a tap leads.</summary>
public sealed record PushPayload(string Title, string Body, string Url, string Tag);

/// <summary>
/// Sends one push through the device's push service: the payload encrypted for the browser (RFC 8291) and
/// the request signed with the shop's VAPID key (RFC 8292). A subscription its service no longer knows
/// (404, 410) is forgotten with everything queued for it; any other failure fails the outbox message,
/// which retries with backoff. Marked sent in the transaction that records the event as handled.
/// </summary>
internal sealed partial class PushDelivery(ShopDbContext db, PushKeys keys, IHttpClientFactory http, TimeProvider clock, ILogger<PushDelivery> logger)
    : IIntegrationEventHandler<PushQueued>
{
    public const string HttpClientName = "web-push";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task HandleAsync(PushQueued queued, CancellationToken cancellationToken)
    {
        var push = await db.Set<OutgoingPush>().SingleOrDefaultAsync(p => p.Id == queued.PushId, cancellationToken);
        if (push is null || push.SentAt is not null)
            return;
        var device = await db.Set<PushSubscriptionRow>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == push.SubscriptionId, cancellationToken);
        if (device is null)
            return;

        var subscription = new PushSubscription { Endpoint = device.Endpoint };
        subscription.SetKey(PushEncryptionKeyName.P256DH, device.P256dh);
        subscription.SetKey(PushEncryptionKeyName.Auth, device.Auth);
        var payload = JsonSerializer.Serialize(new PushPayload(push.Title, push.Body, push.Link ?? "/account/notifications", push.Kind), Json);
        var client = new PushServiceClient(http.CreateClient(HttpClientName))
        {
            DefaultAuthentication = await keys.AuthenticationAsync(cancellationToken),
            DefaultAuthenticationScheme = VapidAuthenticationScheme.Vapid,
        };
        try
        {
            await client.RequestPushMessageDeliveryAsync(subscription, new PushMessage(payload) { TimeToLive = 86_400, Urgency = PushMessageUrgency.Normal }, cancellationToken);
            push.SentAt = clock.GetUtcNow();
        }
        catch (PushServiceClientException gone) when (gone.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
        {
            LogSubscriptionExpired(device.Id, (int)gone.StatusCode);
            db.Entry(push).State = EntityState.Detached;
            await db.Set<PushSubscriptionRow>().Where(s => s.Id == device.Id).ExecuteDeleteAsync(cancellationToken);
        }
    }

    [LoggerMessage(LogLevel.Information, "Push subscription {SubscriptionId} has expired ({Status}); removed")]
    private partial void LogSubscriptionExpired(Guid subscriptionId, int status);
}

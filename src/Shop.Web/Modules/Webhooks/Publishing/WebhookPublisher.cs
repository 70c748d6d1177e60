using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Shop.Web.Modules.Webhooks.Contracts;
using Shop.Web.Modules.Webhooks.Data;
using Shop.Web.Platform.Database;

namespace Shop.Web.Modules.Webhooks.Publishing;

/// <summary>
/// Turns an event into one delivery per subscribed endpoint, in the caller's transaction. Paused
/// endpoints get theirs too (sent on resume); disabled ones get none. The insert skips a delivery
/// that exists for the same (endpoint, event key), so a redelivered event is sent once.
/// </summary>
internal sealed class WebhookPublisher(ShopDbContext db, TimeProvider clock) : IWebhookPublisher, IWebhookSubscriptions
{
    public async Task<WebhookAudience> AudienceAsync(string type, CancellationToken cancellationToken = default)
    {
        var endpoints = await Subscribed(type).Select(e => new { e.Scope, e.OwnerId }).Distinct().ToListAsync(cancellationToken);
        return new WebhookAudience(endpoints.Any(e => e.Scope == WebhookScope.Admin),
            endpoints.Where(e => e.Scope == WebhookScope.Seller).Select(e => e.OwnerId).ToHashSet());
    }

    public async Task PublishAsync(WebhookEvent webhookEvent, CancellationToken cancellationToken = default)
    {
        var (type, key) = (webhookEvent.Type, webhookEvent.Key);
        if (!WebhookEventTypes.All.Contains(type))
            throw new ArgumentException($"Unknown webhook event type '{type}'.", nameof(webhookEvent));
        var sellers = webhookEvent.SellerPayloads.Keys.ToList();
        var endpoints = await Subscribed(type)
            .Where(e => e.Scope == WebhookScope.Admin || e.Scope == WebhookScope.Seller && sellers.Contains(e.OwnerId))
            .Select(e => new { e.Id, e.Scope, e.OwnerId })
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var endpoint in endpoints)
        {
            var id = Guid.CreateVersion7(now);
            var payload = endpoint.Scope == WebhookScope.Admin ? webhookEvent.Payload : webhookEvent.SellerPayloads[endpoint.OwnerId];
            var body = WebhookBody.Serialize(id, type, now, payload);
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO webhooks.deliveries (id, endpoint_id, event_type, event_key, body, status, attempt_count, next_attempt_at, created_at)
                VALUES ({id}, {endpoint.Id}, {type}, {key}, {body}, 'pending', 0, {now}, {now})
                ON CONFLICT (endpoint_id, event_key) DO NOTHING
                """, cancellationToken);
        }
    }

    private IQueryable<WebhookEndpoint> Subscribed(string type) =>
        db.Set<WebhookEndpoint>().AsNoTracking().Where(e => e.Status != EndpointStatus.Disabled && e.Events.Contains(type));
}

/// <summary>The documented envelope: <c>{"id", "type", "timestamp", "data"}</c>, camelCase, enums as camelCase strings.</summary>
public static class WebhookBody
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Serialize(Guid id, string type, DateTimeOffset timestamp, object payload) =>
        JsonSerializer.Serialize(new Envelope(id, type, timestamp, payload), Options);

    private sealed record Envelope(Guid Id, string Type, DateTimeOffset Timestamp, object Data);
}

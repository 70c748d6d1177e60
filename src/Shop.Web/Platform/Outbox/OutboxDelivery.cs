using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Shop.Web.Platform.Database;

namespace Shop.Web.Platform.Outbox;

/// <summary>
/// Delivers one message to each of its handlers. Each handler is a step of its own unit of work (ADR 0037) that
/// first records (message, handler) in platform.outbox_handled: a handler that already committed is
/// skipped on redelivery, and a concurrent redelivery waits on that row instead of running twice.
/// </summary>
public sealed class OutboxDelivery(IServiceScopeFactory scopeFactory, IEnumerable<OutboxHandlerRegistration> registrations)
{
    private readonly ILookup<string, OutboxHandlerRegistration> handlersByType = registrations.ToLookup(r => r.EventTypeName);

    public async Task DeliverAsync(ClaimedMessage message, CancellationToken cancellationToken)
    {
        foreach (var handler in handlersByType[message.Type])
        {
            await using var scope = scopeFactory.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentOutboxMessage>().Id = message.Id;
            var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
            await db.InTransactionAsync(async () =>
            {
                var firstTime = await db.Database.ExecuteSqlAsync(
                    $"INSERT INTO platform.outbox_handled (message_id, handler) VALUES ({message.Id}, {handler.HandlerName}) ON CONFLICT DO NOTHING",
                    cancellationToken);
                if (firstTime == 0)
                    return;

                var integrationEvent = JsonSerializer.Deserialize(message.Payload, handler.EventType, OutboxJson.Options)
                    ?? throw new JsonException($"Outbox message {message.Id} has an empty payload.");
                await handler.Invoke(scope.ServiceProvider, integrationEvent, cancellationToken);
            }, cancellationToken);
        }
    }
}

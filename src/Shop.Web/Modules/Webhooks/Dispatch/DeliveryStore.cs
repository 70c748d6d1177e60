using Dapper;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Shop.Web.Modules.Webhooks.Contracts;
using Shop.Web.Modules.Webhooks.Data;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Outbox;

namespace Shop.Web.Modules.Webhooks.Dispatch;

/// <summary>
/// Claims due deliveries of active endpoints with a lease (FOR UPDATE SKIP LOCKED, so workers on any
/// number of instances never take the same one; a worker that dies leaves its lease to expire) and
/// records each attempt's outcome with its consequences for the endpoint.
/// </summary>
public sealed class DeliveryStore(NpgsqlDataSource dataSource, IServiceScopeFactory scopes, IOptions<WebhookOptions> options)
{
    public async Task<IReadOnlyList<ClaimedDelivery>> ClaimAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var claimed = await connection.QueryAsync<ClaimedDelivery>(new CommandDefinition("""
            WITH claimed AS (
                UPDATE webhooks.deliveries d
                   SET attempt_count = d.attempt_count + 1, locked_until = now() + @lease
                 WHERE d.id IN (SELECT pending.id
                                  FROM webhooks.deliveries pending
                                  JOIN webhooks.endpoints e ON e.id = pending.endpoint_id
                                 WHERE pending.status = 'pending' AND e.status = 'active'
                                   AND pending.next_attempt_at <= now()
                                   AND (pending.locked_until IS NULL OR pending.locked_until <= now())
                                 ORDER BY pending.next_attempt_at
                                 LIMIT @batchSize
                                 FOR UPDATE OF pending SKIP LOCKED)
                RETURNING d.id, d.endpoint_id, d.body, d.attempt_count)
            SELECT c.id, c.endpoint_id AS EndpointId, e.url, e.secret, c.body, c.attempt_count AS AttemptCount
              FROM claimed c JOIN webhooks.endpoints e ON e.id = c.endpoint_id
            """, new { lease = settings.LeaseDuration, batchSize = settings.BatchSize }, cancellationToken: cancellationToken));
        return claimed.ToList();
    }

    public async Task RecordAsync(ClaimedDelivery claimed, WebhookAttempt attempt, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Deliveries of one endpoint finish concurrently: its failure counts take turns.
        await db.Database.ExecuteSqlAsync($"SELECT id FROM webhooks.endpoints WHERE id = {claimed.EndpointId} FOR UPDATE", cancellationToken);
        var endpoint = await db.Set<WebhookEndpoint>().SingleOrDefaultAsync(e => e.Id == claimed.EndpointId, cancellationToken);
        var delivery = await db.Set<WebhookDelivery>()
            .SingleOrDefaultAsync(d => d.Id == claimed.Id && d.Status == DeliveryStatus.Pending && d.AttemptCount == claimed.AttemptCount, cancellationToken);
        // Deleted meanwhile, or the lease ran out and another worker has taken it over.
        if (endpoint is null || delivery is null)
            return;
        var deadLettered = delivery.Record(attempt, settings.RetryDelay(claimed.AttemptCount), settings.MaxAttempts);
        if (attempt.Succeeded)
            endpoint.RecordSuccess();
        else if (endpoint.RecordFailure(deadLettered, attempt.AttemptedAt, settings.DisableAfter, settings.DisableAfterDeadLetters) is { } reason)
            scope.ServiceProvider.GetRequiredService<IOutbox>().Add(new WebhookEndpointDisabled(endpoint.Id, endpoint.OwnerId, endpoint.Url, reason));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}

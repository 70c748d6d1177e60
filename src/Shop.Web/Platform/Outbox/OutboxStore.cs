using Dapper;
using Npgsql;

namespace Shop.Web.Platform.Outbox;

public sealed record ClaimedMessage(Guid Id, string Type, string Payload, int Attempts);

/// <summary>
/// The outbox table's state transitions. Claiming takes a lease with FOR UPDATE SKIP LOCKED, so
/// concurrent dispatchers on any number of instances never take the same message; a dispatcher
/// that dies leaves its lease to expire and the message is delivered again.
/// </summary>
public sealed class OutboxStore(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyList<ClaimedMessage>> ClaimAsync(int batchSize, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var claimed = await connection.QueryAsync<ClaimedMessage>(new CommandDefinition("""
            UPDATE platform.outbox_messages m
               SET attempts = m.attempts + 1, locked_until = now() + @lease
             WHERE m.id IN (SELECT id FROM platform.outbox_messages
                             WHERE processed_at IS NULL AND dead_lettered_at IS NULL
                               AND available_at <= now()
                               AND (locked_until IS NULL OR locked_until <= now())
                             ORDER BY available_at, id
                             LIMIT @batchSize
                             FOR UPDATE SKIP LOCKED)
            RETURNING m.id, m.type, m.payload::text AS payload, m.attempts
            """, new { batchSize, lease }, cancellationToken: cancellationToken));
        return claimed.OrderBy(m => m.Id).ToList();
    }

    public async Task CompleteAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE platform.outbox_messages SET processed_at = now(), locked_until = NULL, last_error = NULL WHERE id = @id",
            new { id }, cancellationToken: cancellationToken));
    }

    /// <summary>Schedules a retry after <paramref name="retryDelay"/>, or dead-letters once attempts reach the maximum.</summary>
    public async Task FailAsync(Guid id, string error, TimeSpan retryDelay, int maxAttempts, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE platform.outbox_messages
               SET locked_until = NULL,
                   last_error = @error,
                   available_at = now() + @retryDelay,
                   dead_lettered_at = CASE WHEN attempts >= @maxAttempts THEN now() END
             WHERE id = @id
            """, new { id, error, retryDelay, maxAttempts }, cancellationToken: cancellationToken));
    }
}

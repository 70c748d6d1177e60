using Dapper;
using Npgsql;

namespace Shop.Web.Platform.Outbox;

public sealed record ClaimedMessage(Guid Id, string Type, string Payload, int Attempts);

/// <summary>A message that failed its last try (settable properties: Dapper converts the timestamps into them).</summary>
public sealed record DeadLetter
{
    public Guid Id { get; init; }
    public string Type { get; init; } = "";
    public string Payload { get; init; } = "";
    public int Attempts { get; init; }
    public string? LastError { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
    public DateTimeOffset DeadLetteredAt { get; init; }
}

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

    /// <summary>Gives up the leases on messages claimed but not handled; their attempt does not count.</summary>
    public async Task ReleaseAsync(IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
            return;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE platform.outbox_messages SET locked_until = NULL, attempts = attempts - 1
             WHERE id = ANY(@ids) AND processed_at IS NULL AND dead_lettered_at IS NULL
            """, new { ids = ids.ToArray() }, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition($"SELECT pg_notify('{OutboxDispatcher.Channel}', '')", cancellationToken: cancellationToken));
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

    /// <summary>Messages that failed their last try, newest first, optionally of one event type.</summary>
    public async Task<IReadOnlyList<DeadLetter>> DeadLettersAsync(string? type, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var letters = await connection.QueryAsync<DeadLetter>(new CommandDefinition("""
            SELECT id, type, payload::text AS payload, attempts, last_error AS lastError, occurred_at AS occurredAt, dead_lettered_at AS deadLetteredAt
              FROM platform.outbox_messages
             WHERE dead_lettered_at IS NOT NULL AND (@type::text IS NULL OR type = @type)
             ORDER BY dead_lettered_at DESC
             LIMIT @limit
            """, new { type, limit }, cancellationToken: cancellationToken));
        return letters.ToList();
    }

    /// <summary>Gives a dead-lettered message a fresh set of tries; handlers that already succeeded stay skipped.</summary>
    public async Task<bool> RetryAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var retried = await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE platform.outbox_messages
               SET dead_lettered_at = NULL, attempts = 0, available_at = now(), locked_until = NULL
             WHERE id = @id AND dead_lettered_at IS NOT NULL
            """, new { id }, cancellationToken: cancellationToken)) == 1;
        if (retried)
            await connection.ExecuteAsync(new CommandDefinition($"SELECT pg_notify('{OutboxDispatcher.Channel}', '')", cancellationToken: cancellationToken));
        return retried;
    }
}

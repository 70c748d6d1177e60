using Dapper;
using Npgsql;

namespace Shop.Web.Modules.Catalog.Recommendations;

/// <summary>
/// Product views, one row per visitor and product (a count and the latest time). Writing one is a
/// single upsert committed without waiting for the disk flush: a view lost to a crash costs nothing.
/// </summary>
public sealed class ViewHistory(NpgsqlDataSource dataSource, TimeProvider clock)
{
    public async Task RecordAsync(string visitorKey, Guid productId, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            SET LOCAL synchronous_commit TO OFF;
            INSERT INTO catalog.product_views (visitor_key, product_id, views, last_viewed_at) VALUES (@visitorKey, @productId, 1, @now)
            ON CONFLICT (visitor_key, product_id) DO UPDATE SET views = product_views.views + 1, last_viewed_at = EXCLUDED.last_viewed_at
            """, new { visitorKey, productId, now = clock.GetUtcNow() }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The products these visitor keys viewed, most recent first.</summary>
    public async Task<IReadOnlyList<Guid>> RecentAsync(IReadOnlyList<string> visitorKeys, int limit, CancellationToken cancellationToken = default)
    {
        if (visitorKeys.Count == 0)
            return [];
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<Guid>(new CommandDefinition("""
            SELECT product_id FROM catalog.product_views WHERE visitor_key = ANY(@visitorKeys)
             GROUP BY product_id ORDER BY max(last_viewed_at) DESC, product_id LIMIT @limit
            """, new { visitorKeys = visitorKeys.ToArray(), limit }, cancellationToken: cancellationToken))).ToList();
    }
}

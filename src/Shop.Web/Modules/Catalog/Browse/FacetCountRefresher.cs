using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Shop.Web.Modules.Catalog.Browse;

/// <summary>
/// Rebuilds the pre-aggregated facet counts a few seconds after the catalog changes (and once at
/// start). An advisory lock keeps instances from rebuilding at the same moment; an instance that
/// finds the lock taken tries again on its next round, so no change is left uncounted.
/// </summary>
public sealed partial class FacetCountRefresher(NpgsqlDataSource dataSource, IOptions<CatalogCacheOptions> options, ILogger<FacetCountRefresher> logger)
    : BackgroundService
{
    private const long LockKey = 0x5_4F_50_46_41_43; // "SHOPFAC"
    private int dirty = 1;

    public void MarkDirty() => Interlocked.Exchange(ref dirty, 1);

    /// <summary>Rebuilds now; false when another instance is rebuilding.</summary>
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await connection.ExecuteScalarAsync<bool>("SELECT pg_try_advisory_xact_lock(@LockKey)", new { LockKey }, transaction))
            return false;
        await connection.ExecuteAsync(new CommandDefinition("SELECT catalog.refresh_facet_counts()", transaction: transaction, commandTimeout: 300, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(Math.Max(1, options.Value.FacetRefreshSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (Interlocked.Exchange(ref dirty, 0) == 1 && !await RefreshAsync(stoppingToken))
                    MarkDirty();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                MarkDirty();
                LogRefreshFailed(exception);
            }
            try { await Task.Delay(interval, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    [LoggerMessage(LogLevel.Warning, "Rebuilding the catalog's facet counts failed; retrying")]
    private partial void LogRefreshFailed(Exception exception);
}

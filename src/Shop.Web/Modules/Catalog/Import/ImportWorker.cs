using Dapper;
using Npgsql;

namespace Shop.Web.Modules.Catalog.Import;

/// <summary>
/// Takes queued imports, one at a time per instance, on any number of instances: a job is claimed
/// with SKIP LOCKED and a lease, so a job whose instance died is picked up again (re-applying rows
/// is harmless: products are matched by handle and variants by SKU).
/// </summary>
internal sealed partial class ImportWorker(NpgsqlDataSource dataSource, IServiceScopeFactory scopes, ILogger<ImportWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var jobId = await ClaimAsync(stoppingToken);
                if (jobId is { } id)
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<ProductImporter>().RunAsync(id, stoppingToken);
                    continue;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogImportFailed(exception);
            }
            try { await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    private async Task<Guid?> ClaimAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition("""
            UPDATE catalog.import_jobs SET status = 'running', locked_until = now() + interval '5 minutes'
             WHERE id = (SELECT id FROM catalog.import_jobs
                          WHERE status = 'queued' OR (status = 'running' AND locked_until < now())
                          ORDER BY created_at
                          LIMIT 1
                          FOR UPDATE SKIP LOCKED)
            RETURNING id
            """, cancellationToken: cancellationToken));
    }

    [LoggerMessage(LogLevel.Error, "A product import failed")]
    private partial void LogImportFailed(Exception exception);
}

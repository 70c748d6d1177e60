using System.Threading.Channels;
using Npgsql;
using Shop.Web.Platform.Database;

namespace Shop.Web.Platform.Jobs;

/// <summary>
/// Works off a queue kept in PostgreSQL, in every instance: takes batches while they come back full,
/// then sleeps until a NOTIFY on <see cref="NotifyChannel"/> or the poll interval, whichever is first.
/// Claiming so that instances never take the same item (SKIP LOCKED, leases) is the subclass's part.
/// </summary>
public abstract class QueueWorker(NpgsqlDataSource dataSource, ILogger logger) : BackgroundService
{
    private readonly Channel<bool> wakeUp = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    protected abstract string NotifyChannel { get; }

    protected abstract bool Enabled { get; }

    protected abstract int BatchSize { get; }

    protected abstract TimeSpan PollInterval { get; }

    /// <summary>Claims and handles one batch; returns how many items it claimed.</summary>
    protected abstract Task<int> ProcessBatchAsync(CancellationToken cancellationToken);

    protected abstract void OnBatchFailed(Exception exception);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
            return;
        var listening = PostgresNotifications.ListenAsync(dataSource, NotifyChannel, _ => wakeUp.Writer.TryWrite(true), logger, stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await ProcessBatchAsync(stoppingToken) == BatchSize)
                    continue;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                OnBatchFailed(exception);
            }
            await WaitForWorkAsync(stoppingToken);
        }
        await listening;
    }

    private async Task WaitForWorkAsync(CancellationToken stoppingToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(PollInterval);
        try
        {
            await wakeUp.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Poll interval elapsed, or shutting down: the loop condition decides.
        }
    }
}

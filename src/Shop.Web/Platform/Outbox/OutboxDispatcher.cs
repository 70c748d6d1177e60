using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Npgsql;
using Shop.Web.Platform.Database;

namespace Shop.Web.Platform.Outbox;

/// <summary>
/// Runs in every instance: claims batches, delivers them, completes or schedules retries. It wakes
/// on the NOTIFY sent by the outbox table's insert trigger and polls as a fallback.
/// </summary>
public sealed partial class OutboxDispatcher(
    OutboxStore store,
    OutboxDelivery delivery,
    NpgsqlDataSource dataSource,
    IOptions<OutboxOptions> options,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    public const string Channel = "shop_outbox";

    private readonly Channel<bool> wakeUp = System.Threading.Channels.Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.DispatcherEnabled)
            return;
        var listening = ListenAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await DispatchBatchAsync(settings, stoppingToken) == settings.BatchSize)
                    continue;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                LogDispatchFailed(exception);
            }
            await WaitForWorkAsync(settings.PollInterval, stoppingToken);
        }
        await listening;
    }

    /// <summary>Claims and delivers one batch; returns how many messages it claimed.</summary>
    public async Task<int> DispatchBatchAsync(OutboxOptions settings, CancellationToken cancellationToken)
    {
        var batch = await store.ClaimAsync(settings.BatchSize, settings.LeaseDuration, cancellationToken);
        foreach (var message in batch)
        {
            try
            {
                await delivery.DeliverAsync(message, cancellationToken);
                await store.CompleteAsync(message.Id, cancellationToken);
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                var deadLetter = message.Attempts >= settings.MaxAttempts;
                LogDeliveryFailed(exception, message.Id, message.Type, message.Attempts, deadLetter);
                await store.FailAsync(message.Id, exception.Message, settings.RetryDelay(message.Attempts), settings.MaxAttempts, cancellationToken);
            }
        }
        return batch.Count;
    }

    private async Task WaitForWorkAsync(TimeSpan pollInterval, CancellationToken stoppingToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(pollInterval);
        try
        {
            await wakeUp.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Poll interval elapsed, or shutting down: the loop condition decides.
        }
    }

    private Task ListenAsync(CancellationToken stoppingToken) =>
        PostgresNotifications.ListenAsync(dataSource, Channel, () => wakeUp.Writer.TryWrite(true), logger, stoppingToken);

    [LoggerMessage(LogLevel.Error, "Outbox dispatch failed")]
    private partial void LogDispatchFailed(Exception exception);

    [LoggerMessage(LogLevel.Warning, "Outbox message {MessageId} ({MessageType}) failed on attempt {Attempt}; dead-lettered: {DeadLettered}")]
    private partial void LogDeliveryFailed(Exception exception, Guid messageId, string messageType, int attempt, bool deadLettered);
}

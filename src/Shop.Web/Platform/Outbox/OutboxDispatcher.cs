using Microsoft.Extensions.Options;
using Npgsql;
using Shop.Web.Platform.Jobs;

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
    ILogger<OutboxDispatcher> logger) : QueueWorker(dataSource, logger)
{
    public const string Channel = "shop_outbox";

    protected override string NotifyChannel => Channel;
    protected override bool Enabled => options.Value.DispatcherEnabled;
    protected override int BatchSize => options.Value.BatchSize;
    protected override TimeSpan PollInterval => options.Value.PollInterval;

    protected override Task<int> ProcessBatchAsync(CancellationToken cancellationToken) => DispatchBatchAsync(options.Value, cancellationToken);

    protected override void OnBatchFailed(Exception exception) => LogDispatchFailed(exception);

    /// <summary>Claims and delivers one batch; returns how many messages it claimed.</summary>
    public async Task<int> DispatchBatchAsync(OutboxOptions settings, CancellationToken cancellationToken)
    {
        var batch = await store.ClaimAsync(settings.BatchSize, settings.LeaseDuration, cancellationToken);
        var done = 0;
        try
        {
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
                done++;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: hand back what this instance claimed but did not finish, so another takes it now rather than when the lease ends.
            await store.ReleaseAsync(batch.Skip(done).Select(m => m.Id).ToList(), CancellationToken.None);
            throw;
        }
        return batch.Count;
    }

    [LoggerMessage(LogLevel.Error, "Outbox dispatch failed")]
    private partial void LogDispatchFailed(Exception exception);

    [LoggerMessage(LogLevel.Warning, "Outbox message {MessageId} ({MessageType}) failed on attempt {Attempt}; dead-lettered: {DeadLettered}")]
    private partial void LogDeliveryFailed(Exception exception, Guid messageId, string messageType, int attempt, bool deadLettered);
}

using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Npgsql;
using Shop.Web.Platform.Database;

namespace Shop.Web.Modules.Webhooks.Delivery;

/// <summary>
/// Runs in every instance: claims due deliveries, sends several at once, records each outcome. It
/// wakes on the NOTIFY sent when deliveries are queued (or an endpoint resumes) and polls as a fallback.
/// </summary>
public sealed partial class WebhookDispatcher(
    DeliveryStore store,
    WebhookSender sender,
    EndpointSecrets secrets,
    NpgsqlDataSource dataSource,
    IOptions<WebhookOptions> options,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    public const string Channel = "shop_webhooks";

    private readonly Channel<bool> wakeUp = System.Threading.Channels.Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.DeliveryEnabled)
            return;
        var listening = PostgresNotifications.ListenAsync(dataSource, Channel, () => wakeUp.Writer.TryWrite(true), logger, stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await DispatchBatchAsync(stoppingToken) == settings.BatchSize)
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

    /// <summary>Claims and sends one batch; returns how many deliveries it claimed.</summary>
    public async Task<int> DispatchBatchAsync(CancellationToken cancellationToken)
    {
        var batch = await store.ClaimAsync(cancellationToken);
        await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = options.Value.Concurrency, CancellationToken = cancellationToken },
            async (delivery, ct) =>
            {
                string eventId;
                using (var body = JsonDocument.Parse(delivery.Body))
                    eventId = body.RootElement.GetProperty("id").GetString()!;
                var attempt = await sender.SendAsync(delivery, secrets.Reveal(delivery.Secret), eventId, ct);
                if (!attempt.Succeeded)
                    LogAttemptFailed(delivery.Id, delivery.AttemptCount, attempt.Error);
                await store.RecordAsync(delivery, attempt, ct);
            });
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

    [LoggerMessage(LogLevel.Error, "Webhook dispatch failed")]
    private partial void LogDispatchFailed(Exception exception);

    [LoggerMessage(LogLevel.Information, "Webhook delivery {DeliveryId} failed on attempt {Attempt}: {Reason}")]
    private partial void LogAttemptFailed(Guid deliveryId, int attempt, string? reason);
}

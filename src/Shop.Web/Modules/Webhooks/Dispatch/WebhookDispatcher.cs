using System.Text.Json;
using Microsoft.Extensions.Options;
using Npgsql;
using Shop.Web.Platform.Jobs;

namespace Shop.Web.Modules.Webhooks.Dispatch;

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
    ILogger<WebhookDispatcher> logger) : QueueWorker(dataSource, logger)
{
    public const string Channel = "shop_webhooks";

    protected override string NotifyChannel => Channel;
    protected override bool Enabled => options.Value.DeliveryEnabled;
    protected override int BatchSize => options.Value.BatchSize;
    protected override TimeSpan PollInterval => options.Value.PollInterval;

    protected override Task<int> ProcessBatchAsync(CancellationToken cancellationToken) => DispatchBatchAsync(cancellationToken);

    protected override void OnBatchFailed(Exception exception) => LogDispatchFailed(exception);

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

    [LoggerMessage(LogLevel.Error, "Webhook dispatch failed")]
    private partial void LogDispatchFailed(Exception exception);

    [LoggerMessage(LogLevel.Information, "Webhook delivery {DeliveryId} failed on attempt {Attempt}: {Reason}")]
    private partial void LogAttemptFailed(Guid deliveryId, int attempt, string? reason);
}

using Npgsql;

namespace Shop.Web.Platform.Database;

/// <summary>Cross-instance signals through PostgreSQL LISTEN/NOTIFY.</summary>
public static partial class PostgresNotifications
{
    /// <summary>
    /// Listens on <paramref name="channel"/> until stopped, reconnecting after failures. Calls
    /// <paramref name="onSignal"/> with each notification's payload, and with null after each
    /// (re)connection, so that what was signalled while not listening is not missed.
    /// </summary>
    public static async Task ListenAsync(NpgsqlDataSource dataSource, string channel, Action<string?> onSignal, ILogger logger, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, notification) => onSignal(notification.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {channel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                onSignal(null);
                while (true)
                {
                    if (!await connection.WaitAsync(TimeSpan.FromSeconds(30), stoppingToken))
                    {
                        await using var ping = new NpgsqlCommand("SELECT 1", connection);
                        await ping.ExecuteNonQueryAsync(stoppingToken);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogListenFailed(logger, exception, channel);
                try { await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    [LoggerMessage(LogLevel.Warning, "Listening on {Channel} failed; reconnecting")]
    private static partial void LogListenFailed(ILogger logger, Exception exception, string channel);
}

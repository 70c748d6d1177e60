using System.Diagnostics.Metrics;
using Dapper;
using Npgsql;
using Shop.Web.Platform.Metrics;

namespace Shop.Web.Platform.Outbox;

/// <summary>
/// How far event delivery is behind, read from the outbox table at each scrape (the same figure on
/// every instance): the age of the oldest message due and not yet delivered, and how many are due.
/// </summary>
public sealed class OutboxMetrics : IMetricsSource
{
    private readonly NpgsqlDataSource dataSource;

    public OutboxMetrics(IMeterFactory meters, NpgsqlDataSource dataSource)
    {
        this.dataSource = dataSource;
        var meter = meters.Create(ShopMeter.Name);
        meter.CreateObservableGauge("shop.outbox.lag", () => Read() is { } now ? [new Measurement<double>(now.Lag)] : Array.Empty<Measurement<double>>(), "s", "Age of the oldest outbox message due and not yet delivered (0 when none).");
        meter.CreateObservableGauge("shop.outbox.pending", () => Read() is { } now ? [new Measurement<long>(now.Pending)] : Array.Empty<Measurement<long>>(), "{message}", "Outbox messages due and not yet delivered.");
    }

    private (double Lag, long Pending)? Read()
    {
        try
        {
            using var connection = dataSource.OpenConnection();
            var row = connection.QuerySingle<(double Lag, long Pending)>(new CommandDefinition("""
                SELECT coalesce(extract(epoch FROM now() - min(available_at)), 0)::float8, count(*)
                  FROM platform.outbox_messages
                 WHERE processed_at IS NULL AND dead_lettered_at IS NULL AND available_at <= now()
                """, commandTimeout: 2));
            return row;
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return null;
        }
    }
}

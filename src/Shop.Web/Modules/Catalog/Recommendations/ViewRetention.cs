using Dapper;
using Npgsql;
using Shop.Web.Platform.Jobs;

namespace Shop.Web.Modules.Catalog.Recommendations;

/// <summary>
/// Keeps view history small: each visitor's 50 most recent products, none older than 180 days.
/// Deleting is idempotent, so every instance may run it.
/// </summary>
internal sealed partial class ViewRetention(NpgsqlDataSource dataSource, TimeProvider clock, ILogger<ViewRetention> logger) : PeriodicJob(clock)
{
    public const int PerVisitor = 50;
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(180);

    protected override TimeSpan Period => TimeSpan.FromHours(1);

    protected override bool RunsAtStart => false;

    public async Task<int> TrimAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition($"""
            DELETE FROM catalog.product_views WHERE last_viewed_at < @cutoff;
            DELETE FROM catalog.product_views v
             USING (SELECT visitor_key, product_id,
                           row_number() OVER (PARTITION BY visitor_key ORDER BY last_viewed_at DESC, product_id) AS position
                      FROM catalog.product_views) ranked
             WHERE ranked.position > {PerVisitor} AND v.visitor_key = ranked.visitor_key AND v.product_id = ranked.product_id;
            """, new { cutoff = Clock.GetUtcNow() - MaxAge }, cancellationToken: cancellationToken));
    }

    protected override Task RunRoundAsync(CancellationToken cancellationToken) => TrimAsync(cancellationToken);

    protected override void OnRoundFailed(Exception exception) => LogFailed(exception);

    [LoggerMessage(LogLevel.Warning, "Trimming product view history failed; the next round tries again")]
    private partial void LogFailed(Exception exception);
}

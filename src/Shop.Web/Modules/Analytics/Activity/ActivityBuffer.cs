using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Shop.Web.Modules.Analytics.Contracts;
using Shop.Web.Platform.Jobs;
using Shop.Web.Platform.Storefront;

namespace Shop.Web.Modules.Analytics.Activity;

public sealed class AnalyticsOptions
{
    public const string Section = "Analytics";

    /// <summary>How often counted shopping steps are written (a crash loses at most this much of them).</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>
/// Notes shopping steps in memory and writes them in one transaction per flush, so a busy storefront
/// costs the database one write every few seconds, not one per view. Funnel steps are kept as the set
/// of visitors who took each step each day; the flush inserts them into <c>analytics.funnel_visitors</c>
/// and adds to <c>analytics.funnel_daily</c> only the rows that were new, so a visitor counts once a
/// day per step whichever instances saw them. Seller views and searches are counts.
/// </summary>
public sealed partial class ActivityBuffer(NpgsqlDataSource dataSource, IOptions<StorefrontSettings> store, TimeProvider clock) : IShoppingActivity
{
    /// <summary>Visitor rows of today and the two days before are kept: a flush after midnight (or one retried after a failure) still finds yesterday's.</summary>
    private const int DaysKept = 3;

    private sealed class Search
    {
        public int Count;
        public int ZeroResults;
        public int LastResults;
    }

    private readonly record struct StepTaken(DateOnly Day, string Step, Guid Visitor);

    private readonly Lock gate = new();
    private readonly SemaphoreSlim writing = new(1, 1);
    private HashSet<StepTaken> steps = [];
    private Dictionary<(DateOnly Day, Guid Seller), long> sellerViews = [];
    private Dictionary<(DateOnly Day, string Query), Search> searches = [];
    private DateOnly prunedBefore;

    private DateOnly Today => store.Value.DayOf(clock.GetUtcNow());

    public void ProductViewed(Guid visitor, Guid sellerId)
    {
        var today = Today;
        lock (gate)
        {
            steps.Add(new StepTaken(today, FunnelSteps.Viewed, visitor));
            sellerViews[(today, sellerId)] = sellerViews.GetValueOrDefault((today, sellerId)) + 1;
        }
    }

    public void AddedToCart(Guid visitor) => Took(FunnelSteps.AddedToCart, visitor);

    public void CheckoutStarted(Guid visitor) => Took(FunnelSteps.CheckoutStarted, visitor);

    public void Ordered(Guid visitor) => Took(FunnelSteps.Ordered, visitor);

    private void Took(string step, Guid visitor)
    {
        var taken = new StepTaken(Today, step, visitor);
        lock (gate)
            steps.Add(taken);
    }

    public void Searched(string query, int results)
    {
        var normalized = Spaces().Replace(query.Trim().ToLowerInvariant(), " ");
        if (normalized.Length == 0)
            return;
        var key = (Today, normalized.Length > 200 ? normalized[..200] : normalized);
        lock (gate)
        {
            if (!searches.TryGetValue(key, out var search))
                searches[key] = search = new Search();
            search.Count++;
            search.ZeroResults += results == 0 ? 1 : 0;
            search.LastResults = results;
        }
    }

    /// <summary>
    /// Writes what was noted before the call (a flush under way is waited for); what fails to write is
    /// kept for the next flush.
    /// </summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await writing.WaitAsync(cancellationToken);
        try
        {
            HashSet<StepTaken> takenSteps;
            Dictionary<(DateOnly, Guid), long> takenViews;
            Dictionary<(DateOnly, string), Search> takenSearches;
            lock (gate)
            {
                (takenSteps, takenViews, takenSearches) = (steps, sellerViews, searches);
                (steps, sellerViews, searches) = ([], [], []);
            }
            var keepFrom = Today.AddDays(1 - DaysKept);
            var prune = prunedBefore < keepFrom;
            if (takenSteps.Count == 0 && takenSearches.Count == 0 && !prune)
                return;
            try
            {
                await WriteAsync(takenSteps, takenViews, takenSearches, keepFrom, prune, cancellationToken);
                if (prune)
                    prunedBefore = keepFrom;
            }
            catch
            {
                lock (gate)
                    Restore(takenSteps, takenViews, takenSearches);
                throw;
            }
        }
        finally
        {
            writing.Release();
        }
    }

    /// <summary>
    /// One transaction. Rows go in sorted, so that flushes of several instances lock them in the same order;
    /// visitors of days whose rows were deleted are dropped, as they could no longer be told from those counted.
    /// </summary>
    private async Task WriteAsync(HashSet<StepTaken> taken, Dictionary<(DateOnly Day, Guid Seller), long> views,
        Dictionary<(DateOnly Day, string Query), Search> searched, DateOnly keepFrom, bool prune, CancellationToken cancellationToken)
    {
        var visitors = taken.Where(s => s.Day >= keepFrom).OrderBy(s => s.Day).ThenBy(s => s.Step, StringComparer.Ordinal).ThenBy(s => s.Visitor).ToList();
        var sellerRows = views.OrderBy(v => v.Key.Day).ThenBy(v => v.Key.Seller).ToList();
        var searchRows = searched.OrderBy(s => s.Key.Day).ThenBy(s => s.Key.Query, StringComparer.Ordinal).ToList();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var batch = new NpgsqlBatch(connection, transaction);
        if (prune)
            batch.BatchCommands.Add(Command("DELETE FROM analytics.funnel_visitors WHERE day < @keepFrom", new NpgsqlParameter("keepFrom", keepFrom)));
        batch.BatchCommands.Add(Command($"""
            WITH inserted AS (
                INSERT INTO analytics.funnel_visitors (day, step, visitor_id) SELECT * FROM unnest(@day, @step, @visitor)
                ON CONFLICT DO NOTHING
                RETURNING day, step)
            INSERT INTO analytics.funnel_daily AS t (day, product_views, cart_adds, checkouts_started, ordered)
            SELECT day, count(*) FILTER (WHERE step = '{FunnelSteps.Viewed}'), count(*) FILTER (WHERE step = '{FunnelSteps.AddedToCart}'),
                   count(*) FILTER (WHERE step = '{FunnelSteps.CheckoutStarted}'), count(*) FILTER (WHERE step = '{FunnelSteps.Ordered}')
              FROM inserted GROUP BY day ORDER BY day
            ON CONFLICT (day) DO UPDATE SET product_views = t.product_views + excluded.product_views, cart_adds = t.cart_adds + excluded.cart_adds,
                checkouts_started = t.checkouts_started + excluded.checkouts_started, ordered = t.ordered + excluded.ordered
            """,
            Array("day", NpgsqlDbType.Date, visitors.Select(s => s.Day)), Array("step", NpgsqlDbType.Varchar, visitors.Select(s => s.Step)),
            Array("visitor", NpgsqlDbType.Uuid, visitors.Select(s => s.Visitor))));
        batch.BatchCommands.Add(Command("""
            INSERT INTO analytics.seller_views AS t (day, seller_id, views) SELECT * FROM unnest(@day, @seller, @views)
            ON CONFLICT (day, seller_id) DO UPDATE SET views = t.views + excluded.views
            """,
            Array("day", NpgsqlDbType.Date, sellerRows.Select(v => v.Key.Day)), Array("seller", NpgsqlDbType.Uuid, sellerRows.Select(v => v.Key.Seller)),
            Array("views", NpgsqlDbType.Bigint, sellerRows.Select(v => v.Value))));
        batch.BatchCommands.Add(Command("""
            INSERT INTO analytics.searches AS t (day, query, searches, zero_results, last_results) SELECT * FROM unnest(@day, @query, @searches, @zero, @last)
            ON CONFLICT (day, query) DO UPDATE SET searches = t.searches + excluded.searches, zero_results = t.zero_results + excluded.zero_results,
                last_results = excluded.last_results
            """,
            Array("day", NpgsqlDbType.Date, searchRows.Select(s => s.Key.Day)), Array("query", NpgsqlDbType.Varchar, searchRows.Select(s => s.Key.Query)),
            Array("searches", NpgsqlDbType.Integer, searchRows.Select(s => s.Value.Count)), Array("zero", NpgsqlDbType.Integer, searchRows.Select(s => s.Value.ZeroResults)),
            Array("last", NpgsqlDbType.Integer, searchRows.Select(s => s.Value.LastResults))));
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private void Restore(HashSet<StepTaken> visitors, Dictionary<(DateOnly Day, Guid Seller), long> views, Dictionary<(DateOnly Day, string Query), Search> searched)
    {
        steps.UnionWith(visitors);
        foreach (var (key, count) in views)
            sellerViews[key] = sellerViews.GetValueOrDefault(key) + count;
        foreach (var (key, taken) in searched)
        {
            if (!searches.TryGetValue(key, out var now))
                searches[key] = now = new Search { LastResults = taken.LastResults };
            (now.Count, now.ZeroResults) = (now.Count + taken.Count, now.ZeroResults + taken.ZeroResults);
        }
    }

    private static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }

    private static NpgsqlParameter Array<T>(string name, NpgsqlDbType type, IEnumerable<T> values) => new(name, NpgsqlDbType.Array | type) { Value = values.ToArray() };

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}

/// <summary>The funnel's steps, as <c>analytics.funnel_visitors</c> names them.</summary>
internal static class FunnelSteps
{
    public const string Viewed = "viewed";
    public const string AddedToCart = "added_to_cart";
    public const string CheckoutStarted = "checkout_started";
    public const string Ordered = "ordered";
}

/// <summary>Writes the counted shopping steps every few seconds, and once more as the instance stops.</summary>
internal sealed partial class ActivityFlush(ActivityBuffer buffer, IOptions<AnalyticsOptions> options, TimeProvider clock, ILogger<ActivityFlush> logger) : PeriodicJob(clock)
{
    protected override TimeSpan Period => options.Value.FlushInterval;

    protected override bool RunsAtStart => false;

    protected override Task RunRoundAsync(CancellationToken cancellationToken) => buffer.FlushAsync(cancellationToken);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await buffer.FlushAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is NpgsqlException or OperationCanceledException or InvalidOperationException)
        {
            OnRoundFailed(exception);
        }
    }

    protected override void OnRoundFailed(Exception exception) => LogFlushFailed(exception);

    [LoggerMessage(LogLevel.Warning, "Writing counted shopping steps failed; they are kept for the next round")]
    private partial void LogFlushFailed(Exception exception);
}

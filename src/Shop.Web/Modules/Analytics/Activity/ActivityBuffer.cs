using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Shop.Web.Modules.Analytics.Contracts;
using Shop.Web.Modules.Storefront.Contracts;
using Shop.Web.Platform.Jobs;

namespace Shop.Web.Modules.Analytics.Activity;

public sealed class AnalyticsOptions
{
    public const string Section = "Analytics";

    /// <summary>How often counted shopping steps are written (a crash loses at most this much of them).</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>
/// Counts shopping steps in memory per day and writes them as additive upserts in one transaction
/// per flush, so a busy storefront costs the database one write every few seconds, not one per view.
/// </summary>
public sealed partial class ActivityBuffer(NpgsqlDataSource dataSource, IOptions<StorefrontSettings> store, TimeProvider clock) : IShoppingActivity
{
    private sealed class Steps
    {
        public long Views;
        public long CartAdds;
        public long Checkouts;
    }

    private sealed class Search
    {
        public int Count;
        public int ZeroResults;
        public int LastResults;
    }

    private readonly Lock gate = new();
    private Dictionary<DateOnly, Steps> steps = [];
    private Dictionary<(DateOnly Day, Guid Seller), long> sellerViews = [];
    private Dictionary<(DateOnly Day, string Query), Search> searches = [];

    private DateOnly Today => store.Value.DayOf(clock.GetUtcNow());

    public void ProductViewed(Guid sellerId)
    {
        var today = Today;
        lock (gate)
        {
            StepsOf(today).Views++;
            sellerViews[(today, sellerId)] = sellerViews.GetValueOrDefault((today, sellerId)) + 1;
        }
    }

    public void AddedToCart()
    {
        var today = Today;
        lock (gate)
            StepsOf(today).CartAdds++;
    }

    public void CheckoutStarted()
    {
        var today = Today;
        lock (gate)
            StepsOf(today).Checkouts++;
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

    /// <summary>Writes what was counted since the last flush; counts that fail to write are kept for the next one.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        Dictionary<DateOnly, Steps> takenSteps;
        Dictionary<(DateOnly, Guid), long> takenViews;
        Dictionary<(DateOnly, string), Search> takenSearches;
        lock (gate)
        {
            (takenSteps, takenViews, takenSearches) = (steps, sellerViews, searches);
            (steps, sellerViews, searches) = ([], [], []);
        }
        if (takenSteps.Count == 0 && takenSearches.Count == 0)
            return;
        try
        {
            await WriteAsync(takenSteps, takenViews, takenSearches, cancellationToken);
        }
        catch
        {
            lock (gate)
                Restore(takenSteps, takenViews, takenSearches);
            throw;
        }
    }

    private async Task WriteAsync(Dictionary<DateOnly, Steps> daySteps, Dictionary<(DateOnly Day, Guid Seller), long> views,
        Dictionary<(DateOnly Day, string Query), Search> searched, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(Command("""
            INSERT INTO analytics.funnel_daily AS t (day, product_views, cart_adds, checkouts_started)
            SELECT * FROM unnest(@day, @views, @adds, @checkouts)
            ON CONFLICT (day) DO UPDATE SET product_views = t.product_views + excluded.product_views,
                cart_adds = t.cart_adds + excluded.cart_adds, checkouts_started = t.checkouts_started + excluded.checkouts_started
            """,
            Array("day", NpgsqlDbType.Date, daySteps.Keys), Array("views", NpgsqlDbType.Bigint, daySteps.Values.Select(s => s.Views)),
            Array("adds", NpgsqlDbType.Bigint, daySteps.Values.Select(s => s.CartAdds)), Array("checkouts", NpgsqlDbType.Bigint, daySteps.Values.Select(s => s.Checkouts))));
        batch.BatchCommands.Add(Command("""
            INSERT INTO analytics.seller_views AS t (day, seller_id, views) SELECT * FROM unnest(@day, @seller, @views)
            ON CONFLICT (day, seller_id) DO UPDATE SET views = t.views + excluded.views
            """,
            Array("day", NpgsqlDbType.Date, views.Keys.Select(k => k.Day)), Array("seller", NpgsqlDbType.Uuid, views.Keys.Select(k => k.Seller)),
            Array("views", NpgsqlDbType.Bigint, views.Values)));
        batch.BatchCommands.Add(Command("""
            INSERT INTO analytics.searches AS t (day, query, searches, zero_results, last_results) SELECT * FROM unnest(@day, @query, @searches, @zero, @last)
            ON CONFLICT (day, query) DO UPDATE SET searches = t.searches + excluded.searches, zero_results = t.zero_results + excluded.zero_results,
                last_results = excluded.last_results
            """,
            Array("day", NpgsqlDbType.Date, searched.Keys.Select(k => k.Day)), Array("query", NpgsqlDbType.Varchar, searched.Keys.Select(k => k.Query)),
            Array("searches", NpgsqlDbType.Integer, searched.Values.Select(s => s.Count)), Array("zero", NpgsqlDbType.Integer, searched.Values.Select(s => s.ZeroResults)),
            Array("last", NpgsqlDbType.Integer, searched.Values.Select(s => s.LastResults))));
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private void Restore(Dictionary<DateOnly, Steps> daySteps, Dictionary<(DateOnly Day, Guid Seller), long> views, Dictionary<(DateOnly Day, string Query), Search> searched)
    {
        foreach (var (day, taken) in daySteps)
        {
            var now = StepsOf(day);
            (now.Views, now.CartAdds, now.Checkouts) = (now.Views + taken.Views, now.CartAdds + taken.CartAdds, now.Checkouts + taken.Checkouts);
        }
        foreach (var (key, count) in views)
            sellerViews[key] = sellerViews.GetValueOrDefault(key) + count;
        foreach (var (key, taken) in searched)
        {
            if (!searches.TryGetValue(key, out var now))
                searches[key] = now = new Search { LastResults = taken.LastResults };
            (now.Count, now.ZeroResults) = (now.Count + taken.Count, now.ZeroResults + taken.ZeroResults);
        }
    }

    private Steps StepsOf(DateOnly day)
    {
        if (!steps.TryGetValue(day, out var counted))
            steps[day] = counted = new Steps();
        return counted;
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

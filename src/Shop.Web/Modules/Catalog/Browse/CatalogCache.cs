using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Primitives;
using Npgsql;

namespace Shop.Web.Modules.Catalog.Browse;

public sealed class CatalogCacheOptions
{
    public const string Section = "Catalog";

    /// <summary>How long a listing (products and facet counts) is reused; 0 turns the cache off.</summary>
    public int ListingCacheSeconds { get; set; } = 30;

    /// <summary>Unfiltered listings of at least this many products read pre-aggregated facet counts.</summary>
    public int PrecomputedFacetsFrom { get; set; } = 2_000;

    /// <summary>How soon after a change the pre-aggregated facet counts are rebuilt.</summary>
    public int FacetRefreshSeconds { get; set; } = 15;
}

/// <summary>
/// Listings and the category tree, kept briefly in each instance's memory. Any change to products
/// or categories, on any instance, fires the tables' NOTIFY trigger and empties every instance's
/// cache; writes made here also empty it at once.
/// </summary>
public sealed class CatalogCache(IMemoryCache cache, Microsoft.Extensions.Options.IOptions<CatalogCacheOptions> options)
{
    private CancellationTokenSource generation = new();

    public async Task<T> GetOrAddAsync<T>(string kind, object key, Func<Task<T>> load)
    {
        var seconds = options.Value.ListingCacheSeconds;
        if (seconds <= 0)
            return await load();
        var cacheKey = $"catalog:{kind}:{JsonSerializer.Serialize(key)}";
        if (cache.TryGetValue(cacheKey, out T? cached))
            return cached!;
        var token = generation.Token;
        var value = await load();
        if (!token.IsCancellationRequested)
            cache.Set(cacheKey, value, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(seconds) }
                .AddExpirationToken(new CancellationChangeToken(token)));
        return value;
    }

    public void Invalidate()
    {
        var previous = Interlocked.Exchange(ref generation, new CancellationTokenSource());
        previous.Cancel();
        previous.Dispose();
    }
}

/// <summary>Listens for the catalog tables' NOTIFY and empties this instance's cache.</summary>
internal sealed partial class CatalogChangeListener(NpgsqlDataSource dataSource, CatalogCache cache, FacetCountRefresher facets, ILogger<CatalogChangeListener> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, _) =>
                {
                    cache.Invalidate();
                    facets.MarkDirty();
                };
                await connection.ExecuteAsync("LISTEN shop_catalog");
                cache.Invalidate(); // changes missed while not listening
                while (true)
                {
                    if (!await connection.WaitAsync(TimeSpan.FromSeconds(30), stoppingToken))
                        await connection.ExecuteAsync("SELECT 1");
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogListenFailed(exception);
                try { await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    [LoggerMessage(LogLevel.Warning, "Catalog change listener lost its connection; reconnecting")]
    private partial void LogListenFailed(Exception exception);
}

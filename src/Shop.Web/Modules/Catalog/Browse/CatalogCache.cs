using System.ComponentModel;
using System.Text.Json;
using Microsoft.Extensions.Caching.Hybrid;
using Npgsql;
using Shop.Web.Platform.Database;

namespace Shop.Web.Modules.Catalog.Browse;

public sealed class CatalogCacheOptions
{
    public const string Section = "Catalog";

    /// <summary>How long a listing (products and facet counts) is reused; 0 turns the cache off.</summary>
    public int ListingCacheSeconds { get; set; } = 30;

    /// <summary>
    /// A catalog of fewer active products than this is reloaded into the listing index before the next
    /// listing after a change, so its listings show the change at once; a bigger one is reloaded in the
    /// background (<see cref="IndexRefreshSeconds"/>), as loading it takes longer than a page view should wait.
    /// </summary>
    public int SynchronousReloadBelow { get; set; } = 2_000;

    /// <summary>How soon after a change the listing index of a big catalog is reloaded.</summary>
    public int IndexRefreshSeconds { get; set; } = 5;

    /// <summary>
    /// How often, at most, new sales counts alone reload the listing index: on a busy shop every
    /// order changes them, and they move only the best-selling order.
    /// </summary>
    public int SalesRefreshSeconds { get; set; } = 60;
}

/// <summary>
/// Listings and the category tree, kept briefly in each instance's memory by HybridCache, which builds
/// a missing entry once however many requests ask for it at the same moment. Any change to products or
/// categories, on any instance, fires the tables' NOTIFY trigger and empties every instance's cache;
/// writes made here also empty it at once. Emptying it marks the listing index changed too. New sales
/// counts do not: a listing may show the best-selling order up to its cache lifetime old.
/// </summary>
public sealed class CatalogCache(HybridCache cache, Microsoft.Extensions.Options.IOptions<CatalogCacheOptions> options, ListingIndex index)
{
    private long generation;

    public async Task<T> GetOrAddAsync<T>(string kind, object key, Func<Task<T>> load)
    {
        var seconds = options.Value.ListingCacheSeconds;
        if (seconds <= 0)
            return await load();
        var lifetime = TimeSpan.FromSeconds(seconds);
        // The generation in the key: an entry whose build began before a change is stored where no one looks any more.
        var cacheKey = $"catalog:{Interlocked.Read(ref generation)}:{kind}:{JsonSerializer.Serialize(key)}";
        try
        {
            var entry = await cache.GetOrCreateAsync(cacheKey, load, static async (load, _) => new Entry<T>(await load()), new HybridCacheEntryOptions
            {
                Expiration = lifetime,
                LocalCacheExpiration = lifetime,
                // Per instance by design: the generation that empties it is this instance's own.
                Flags = HybridCacheEntryFlags.DisableDistributedCache,
            });
            return entry.Value;
        }
        catch (OperationCanceledException)
        {
            // The shared build ran under the request that started it, which went away; this request builds its own.
            return await load();
        }
    }

    public void Invalidate()
    {
        Interlocked.Increment(ref generation);
        index.MarkDirty();
    }

    /// <summary>Marked immutable so that HybridCache hands every caller the same instance rather than a deserialized copy.</summary>
    [ImmutableObject(true)]
    private sealed class Entry<T>(T value)
    {
        public T Value { get; } = value;
    }
}

/// <summary>
/// Listens for the catalog tables' NOTIFY: a change empties this instance's cache, which marks its
/// listing index changed; new sales counts (payload "sales") only schedule a later reload.
/// </summary>
internal sealed class CatalogChangeListener(NpgsqlDataSource dataSource, CatalogCache cache, ListingIndex index, ILogger<CatalogChangeListener> logger) : BackgroundService
{
    /// <summary>What <c>catalog.notify_sold()</c> (migration V0019) sends when only sales counts changed.</summary>
    private const string SalesPayload = "sales";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PostgresNotifications.ListenAsync(dataSource, "shop_catalog", payload =>
        {
            if (payload == SalesPayload)
            {
                index.MarkSalesChanged();
                return;
            }
            cache.Invalidate();
        }, logger, stoppingToken);
}

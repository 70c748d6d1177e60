using System.Buffers.Binary;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Shop.Web.Modules.Catalog.Browse;

/// <summary>
/// Every active product's filter and sort columns, held in this instance's memory as arrays: the one
/// place listings are filtered, counted per facet, sorted and paged, so no page view scans rows in
/// PostgreSQL. After a change a small catalog is reloaded before the next listing is answered; a big
/// one is reloaded in the background a few seconds later and its listings trail the change until
/// then. The products shown are always read live.
/// </summary>
public sealed partial class ListingIndex(NpgsqlDataSource dataSource, IOptions<CatalogCacheOptions> options, ILogger<ListingIndex> logger)
    : BackgroundService
{
    private readonly SemaphoreSlim loading = new(1, 1);
    private int dirty = 1;
    private int salesChanged;
    private long loadedAt;

    /// <summary>The latest snapshot; null until the first one is loaded.</summary>
    public ListingSnapshot? Current { get; private set; }

    public void MarkDirty() => Interlocked.Exchange(ref dirty, 1);

    /// <summary>Sales counts changed: reloaded with the next change, or after <see cref="CatalogCacheOptions.SalesRefreshSeconds"/>.</summary>
    public void MarkSalesChanged() => Interlocked.Exchange(ref salesChanged, 1);

    /// <summary>
    /// The snapshot to answer a listing from. The first one, and a changed one of fewer than
    /// <see cref="CatalogCacheOptions.SynchronousReloadBelow"/> products, is loaded first (milliseconds), so such a
    /// catalog's listings show a change at once; a bigger one is answered as it stands while it reloads in the background.
    /// </summary>
    public async ValueTask<ListingSnapshot> SnapshotAsync(CancellationToken cancellationToken = default)
    {
        if (Current is { } current && (Volatile.Read(ref dirty) == 0 || current.Count >= options.Value.SynchronousReloadBelow))
            return current;
        await ReloadAsync(force: false, cancellationToken);
        return Current!;
    }

    /// <summary>Loads a snapshot when forced, marked dirty or none is loaded yet; one load at a time, so waiting readers share it.</summary>
    private async Task ReloadAsync(bool force, CancellationToken cancellationToken)
    {
        await loading.WaitAsync(cancellationToken);
        try
        {
            if (Interlocked.Exchange(ref dirty, 0) == 0 && !force && Current is not null)
                return;
            Interlocked.Exchange(ref salesChanged, 0);
            loadedAt = Environment.TickCount64;
            Current = await ListingSnapshot.LoadAsync(dataSource, cancellationToken);
        }
        catch
        {
            MarkDirty();
            throw;
        }
        finally
        {
            loading.Release();
        }
    }

    private bool SalesDue => Volatile.Read(ref salesChanged) == 1
        && Environment.TickCount64 - loadedAt >= Math.Max(1, options.Value.SalesRefreshSeconds) * 1000L;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(Math.Max(1, options.Value.IndexRefreshSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ReloadAsync(force: SalesDue, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogRefreshFailed(exception);
            }
            try { await Task.Delay(interval, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    [LoggerMessage(LogLevel.Warning, "Loading the catalog's listing index failed; retrying")]
    private partial void LogRefreshFailed(Exception exception);
}

/// <summary>One consistent picture of the active products, column by column.</summary>
public sealed class ListingSnapshot
{
    private ListingSnapshot(int count)
    {
        Ids = new Guid[count];
        IdKeys = new UInt128[count];
        PathOf = new int[count];
        BrandOf = new int[count];
        SellerOf = new int[count];
        MinPrice = new decimal[count];
        MaxPrice = new decimal[count];
        Rating = new decimal[count];
        RatingCount = new int[count];
        Sold = new int[count];
        Created = new long[count];
        InStock = new bool[count];
        BandOf = new sbyte[count];
        StarsOf = new byte[count];
        OptionsOf = new int[count][];
    }

    public int Count => Ids.Length;
    public Guid[] Ids { get; }
    /// <summary>Ids as PostgreSQL orders uuids (byte by byte), so ties break as they would in SQL.</summary>
    public UInt128[] IdKeys { get; }
    public int[] PathOf { get; }
    public List<string> Paths { get; } = [];
    public int[] BrandOf { get; }
    public List<string> Brands { get; } = [];
    public int[] SellerOf { get; }
    public List<Guid> Sellers { get; } = [];
    public decimal[] MinPrice { get; }
    public decimal[] MaxPrice { get; }
    public decimal[] Rating { get; }
    public int[] RatingCount { get; }
    public int[] Sold { get; }
    public long[] Created { get; }
    public bool[] InStock { get; }
    /// <summary>The price band of <see cref="CatalogSearch.PriceBands"/> each product's lowest price falls in (-1: none).</summary>
    public sbyte[] BandOf { get; }
    /// <summary>Whole stars of the average rating: "at least N stars" is StarsOf &gt;= N.</summary>
    public byte[] StarsOf { get; }
    public int[][] OptionsOf { get; }
    /// <summary>Option terms as "name:value".</summary>
    public List<string> OptionTerms { get; } = [];
    public Dictionary<Guid, int> RowOf { get; } = [];

    /// <summary>Searches' matches, sized by their count: the least recently used go first beyond two million (16 MB).</summary>
    private readonly MemoryCache searches = new(new MemoryCacheOptions { SizeLimit = 2_000_000 });

    /// <summary>
    /// The rows a search's words match, asked of PostgreSQL (<paramref name="load"/>: ids with their
    /// rank) once per snapshot and reused for that search's other pages, sorts and filters. A ranked
    /// answer serves unranked requests too. A new snapshot starts afresh.
    /// </summary>
    public async Task<TextMatches> MatchAsync(string query, bool ranked, Func<Task<IEnumerable<(Guid Id, float Rank)>>> load)
    {
        var key = query.Trim().ToLowerInvariant();
        if (searches.TryGetValue((key, true), out TextMatches? known) || (!ranked && searches.TryGetValue((key, false), out known)))
            return known!;
        var rows = new List<int>();
        var ranks = new List<float>();
        foreach (var (id, rank) in await load())
            if (RowOf.TryGetValue(id, out var row))
            {
                rows.Add(row);
                ranks.Add(rank);
            }
        var matches = new TextMatches([.. rows], ranked ? [.. ranks] : null);
        searches.Set((key, ranked), matches, new MemoryCacheEntryOptions { Size = Math.Max(1, rows.Count) });
        return matches;
    }

    /// <summary>Rows in each sort order, ties broken by id in PostgreSQL's uuid order.</summary>
    public Dictionary<string, int[]> Sorted { get; } = [];

    public static async Task<ListingSnapshot> LoadAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        await using var countCommand = new NpgsqlCommand("SELECT count(*) FROM catalog.products WHERE status = 'active'", connection, transaction);
        var count = Convert.ToInt32(await countCommand.ExecuteScalarAsync(cancellationToken));
        var snapshot = new ListingSnapshot(count);
        var paths = new Dictionary<string, int>();
        var brands = new Dictionary<string, int>();
        var terms = new Dictionary<string, int>();
        var sellers = new Dictionary<Guid, int>();
        await using var command = new NpgsqlCommand("""
            SELECT id, category_path, brand, seller_id, min_price, max_price, rating_average, rating_count, sold_count, created_at, in_stock, option_values
              FROM catalog.products WHERE status = 'active'
            """, connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var row = 0;
        var bytes = new byte[16];
        while (await reader.ReadAsync(cancellationToken) && row < count)
        {
            var id = reader.GetGuid(0);
            snapshot.Ids[row] = id;
            id.TryWriteBytes(bytes, bigEndian: true, out _);
            snapshot.IdKeys[row] = BinaryPrimitives.ReadUInt128BigEndian(bytes);
            snapshot.PathOf[row] = Intern(paths, snapshot.Paths, reader.GetString(1));
            snapshot.BrandOf[row] = Intern(brands, snapshot.Brands, reader.GetString(2));
            snapshot.SellerOf[row] = Intern(sellers, snapshot.Sellers, reader.GetGuid(3));
            snapshot.MinPrice[row] = reader.GetDecimal(4);
            snapshot.MaxPrice[row] = reader.GetDecimal(5);
            snapshot.BandOf[row] = (sbyte)Array.FindIndex(CatalogSearch.PriceBands, band =>
                (band.From is not { } from || snapshot.MinPrice[row] >= from) && (band.To is not { } to || snapshot.MinPrice[row] < to));
            snapshot.Rating[row] = reader.GetDecimal(6);
            snapshot.StarsOf[row] = (byte)Math.Clamp(decimal.Floor(snapshot.Rating[row]), 0, 5);
            snapshot.RatingCount[row] = reader.GetInt32(7);
            snapshot.Sold[row] = reader.GetInt32(8);
            snapshot.Created[row] = reader.GetFieldValue<DateTimeOffset>(9).UtcTicks;
            snapshot.InStock[row] = reader.GetBoolean(10);
            snapshot.OptionsOf[row] = reader.GetFieldValue<string[]>(11).Select(o => Intern(terms, snapshot.OptionTerms, o)).ToArray();
            snapshot.RowOf[id] = row;
            row++;
        }
        if (row != count)
            throw new InvalidOperationException("The product count changed while loading the listing index.");
        snapshot.SortRows();
        return snapshot;
    }

    private void SortRows()
    {
        int[] By(Comparison<int> comparison)
        {
            var rows = Enumerable.Range(0, Count).ToArray();
            Array.Sort(rows, comparison);
            return rows;
        }
        Sorted[ProductSort.Newest] = By((a, b) => Created[b].CompareTo(Created[a]) is var c && c != 0 ? c : IdKeys[a].CompareTo(IdKeys[b]));
        Sorted[ProductSort.PriceAscending] = By((a, b) => MinPrice[a].CompareTo(MinPrice[b]) is var c && c != 0 ? c : IdKeys[a].CompareTo(IdKeys[b]));
        Sorted[ProductSort.PriceDescending] = By((a, b) => MaxPrice[b].CompareTo(MaxPrice[a]) is var c && c != 0 ? c : IdKeys[a].CompareTo(IdKeys[b]));
        Sorted[ProductSort.BestRated] = By((a, b) => Rating[b].CompareTo(Rating[a]) is var c && c != 0 ? c
            : RatingCount[b].CompareTo(RatingCount[a]) is var d && d != 0 ? d : IdKeys[a].CompareTo(IdKeys[b]));
        Sorted[ProductSort.BestSelling] = By((a, b) => Sold[b].CompareTo(Sold[a]) is var c && c != 0 ? c : IdKeys[a].CompareTo(IdKeys[b]));
    }

    private static int Intern<T>(Dictionary<T, int> index, List<T> values, T value) where T : notnull
    {
        if (index.TryGetValue(value, out var position))
            return position;
        index[value] = values.Count;
        values.Add(value);
        return values.Count - 1;
    }
}

/// <summary>A search's matching rows of a <see cref="ListingSnapshot"/>, with their text rank (aligned) when ranked.</summary>
public sealed record TextMatches(int[] Rows, float[]? Ranks);

using Dapper;
using Npgsql;
using Shop.Web.Modules.Identity.Contracts;

namespace Shop.Web.Modules.Catalog.Browse;

/// <summary>
/// Storefront listing and search: full-text search with weighted ranking, filters, and facet counts
/// where each facet is counted with every filter but its own (so a shopper sees how many results
/// each choice would leave). PostgreSQL finds a search's matches and reads the products shown; the
/// in-memory <see cref="ListingIndex"/> works out everything between, whatever the catalog's size.
/// </summary>
public sealed class CatalogSearch(
    NpgsqlDataSource dataSource, ISellerDirectory sellers, SpellingCorrector spelling, CatalogCache cache, ListingIndex index,
    Analytics.Contracts.IShoppingActivity activity)
{
    private const int DefaultPageSize = 24;

    /// <summary>A search's words (parameter @q) against the weighted document, and their rank.</summary>
    private const string TextMatch = "p.search_vector @@ websearch_to_tsquery('english', @q)";
    private const string TextRank = "ts_rank_cd(p.search_vector, websearch_to_tsquery('english', @q), 1)";

    internal static readonly (string Value, string Label, decimal? From, decimal? To)[] PriceBands =
    [
        ("0-500", "Under ₹500", null, 500m), ("500-1000", "₹500 – ₹1,000", 500m, 1000m), ("1000-2500", "₹1,000 – ₹2,500", 1000m, 2500m),
        ("2500-5000", "₹2,500 – ₹5,000", 2500m, 5000m), ("5000-10000", "₹5,000 – ₹10,000", 5000m, 10000m),
        ("10000-25000", "₹10,000 – ₹25,000", 10000m, 25000m), ("25000-", "Over ₹25,000", 25000m, null),
    ];

    private static readonly CatalogFacets NoFacets = new([], [], [], [], [], new FacetValue("true", "In stock", 0, false), new Dictionary<string, IReadOnlyList<FacetValue>>());

    /// <summary>Matching products with facet counts, as listing pages and the API show them.</summary>
    public async Task<ProductSearchResult> SearchAsync(ProductQuery query, CancellationToken cancellationToken = default)
    {
        var result = await cache.GetOrAddAsync("search", query, () => SearchAsync(query, includeFacets: true, cancellationToken));
        if (!string.IsNullOrWhiteSpace(query.Q) && query.Page is null or 1)
            activity.Searched(query.Q, result.Total);
        return result;
    }

    /// <summary>Matching products only, for shelves that show a few cards.</summary>
    public Task<ProductSearchResult> ListAsync(ProductQuery query, CancellationToken cancellationToken = default) =>
        cache.GetOrAddAsync("list", query, () => SearchAsync(query, includeFacets: false, cancellationToken));

    private async Task<ProductSearchResult> SearchAsync(ProductQuery query, bool includeFacets, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var categoryPath = query.Category is null ? null
            : await connection.QuerySingleOrDefaultAsync<string>("SELECT path FROM catalog.categories WHERE slug = @slug", new { slug = query.Category });
        string? corrected = null;
        var result = await RunAsync(connection, query, categoryPath, includeFacets, cancellationToken);
        if (result.Total == 0 && !string.IsNullOrWhiteSpace(query.Q))
        {
            corrected = await spelling.CorrectAsync(connection, query.Q);
            if (corrected is not null)
                result = await RunAsync(connection, query with { Q = corrected }, categoryPath, includeFacets, cancellationToken);
        }
        return result with { CorrectedQuery = result.Total > 0 ? corrected : null };
    }

    private async Task<ProductSearchResult> RunAsync(NpgsqlConnection connection, ProductQuery query, string? categoryPath, bool includeFacets, CancellationToken cancellationToken)
    {
        var page = query.Page ?? 1;
        var pageSize = query.PageSize ?? DefaultPageSize;
        var sort = query.Sort ?? (string.IsNullOrWhiteSpace(query.Q) ? ProductSort.Newest : ProductSort.Relevance);
        var snapshot = await index.SnapshotAsync(cancellationToken);
        var text = query.Q is { Length: > 0 } q ? await MatchAsync(connection, snapshot, q, sort == ProductSort.Relevance, cancellationToken) : null;
        var listing = ListingIndexQuery.Evaluate(snapshot, query, categoryPath, text, sort, page, pageSize);
        var cards = await CardRowsAsync(connection, listing.PageIds, cancellationToken);

        // The biggest sellers and the chosen ones get a facet; their names and those of the cards' sellers are looked up together.
        var topSellers = includeFacets ? Biggest(listing.Tallies.Sellers, query.Seller ?? []) : [];
        var names = await sellers.FindAsync(cards.Select(c => c.SellerId).Concat(topSellers.Select(s => s.Value)).Distinct().ToList());
        var facets = includeFacets ? await FacetsAsync(connection, listing.Tallies, topSellers, names, categoryPath, query, cancellationToken) : NoFacets;
        return new ProductSearchResult(ToCards(cards, names), listing.Total, page, pageSize, facets, null, sort);
    }

    /// <summary>
    /// The products a search's words match, with their rank when the results are ordered by it:
    /// asked of PostgreSQL (full text, GIN) once per snapshot and search.
    /// </summary>
    private static Task<TextMatches> MatchAsync(NpgsqlConnection connection, ListingSnapshot snapshot, string q, bool ranked, CancellationToken cancellationToken) =>
        snapshot.MatchAsync(q, ranked, () => connection.QueryAsync<(Guid Id, float Rank)>(new CommandDefinition(
            $"SELECT p.id, {(ranked ? TextRank : "0::real")} FROM catalog.products p WHERE p.status = 'active' AND {TextMatch}",
            new { q }, cancellationToken: cancellationToken)));

    /// <summary>The active products among <paramref name="ids"/> as cards, in the order given.</summary>
    public async Task<IReadOnlyList<ProductCard>> CardsAsync(IReadOnlyList<Guid> ids, CancellationToken cancellationToken = default)
    {
        if (ids.Count == 0)
            return [];
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var cards = await CardRowsAsync(connection, ids, cancellationToken);
        return ToCards(cards, await sellers.FindAsync(cards.Select(c => c.SellerId).Distinct().ToList()));
    }

    private static async Task<List<CardRow>> CardRowsAsync(NpgsqlConnection connection, IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
    {
        var rows = (await connection.QueryAsync<CardRow>(new CommandDefinition(
            $"SELECT {CardColumns} FROM catalog.products p WHERE p.id = ANY(@ids) AND p.status = 'active'",
            new { ids = ids.ToArray() }, cancellationToken: cancellationToken))).ToDictionary(c => c.Id);
        return ids.Where(rows.ContainsKey).Select(id => rows[id]).ToList();
    }

    private static List<ProductCard> ToCards(List<CardRow> cards, IReadOnlyDictionary<Guid, SellerProfile> names) =>
        cards.Select(c => new ProductCard(c.Id, c.Title, c.HindiTitle, c.Slug, c.Brand, c.Currency, c.MinPrice, c.MaxPrice, c.InStock,
            c.AverageRating, c.ReviewCount, c.PrimaryImage is null ? null : $"/media/{c.PrimaryImage}", c.SellerId,
            names.GetValueOrDefault(c.SellerId)?.ShopName)).ToList();

    private const string CardColumns = """
        p.id, p.title, p.translations -> 'hi' ->> 'Title' AS HindiTitle, p.slug, p.brand, p.currency, p.min_price AS MinPrice, p.max_price AS MaxPrice, p.in_stock AS InStock,
        p.rating_average AS AverageRating, p.rating_count AS ReviewCount, p.primary_image AS PrimaryImage, p.seller_id AS SellerId
        """;

    /// <summary>Facets as the listing shows them: names, the 30 biggest values per dimension, what is selected.</summary>
    private static async Task<CatalogFacets> FacetsAsync(NpgsqlConnection connection, FacetTallies tallies, List<(Guid Value, int Count)> topSellers,
        IReadOnlyDictionary<Guid, SellerProfile> sellerNames, string? categoryPath, ProductQuery query, CancellationToken cancellationToken)
    {
        var children = await connection.QueryAsync<(Guid Id, string Slug, string Name)>(new CommandDefinition(
            $"SELECT id, slug, name FROM catalog.categories WHERE {(categoryPath is null ? "parent_id IS NULL" : "parent_id = (SELECT id FROM catalog.categories WHERE path = @categoryPath)")} ORDER BY sort_order, name",
            new { categoryPath }, cancellationToken: cancellationToken));
        var selectedBrands = query.Brand ?? [];
        var selectedSellers = query.Seller ?? [];
        var selectedOptions = query.OptionFilters;
        return new CatalogFacets(
            children.Where(c => tallies.Children.ContainsKey(c.Id.ToString("N")))
                .Select(c => new FacetValue(c.Slug, c.Name, tallies.Children[c.Id.ToString("N")], false)).ToList(),
            Biggest(tallies.Brands, selectedBrands).Select(b => new FacetValue(b.Value, b.Value, b.Count, selectedBrands.Contains(b.Value))).ToList(),
            topSellers.Select(s => new FacetValue(s.Value.ToString(), sellerNames.GetValueOrDefault(s.Value)?.ShopName ?? "Seller", s.Count, selectedSellers.Contains(s.Value))).ToList(),
            [.. new[] { 4, 3, 2, 1 }.Select((at, i) => new FacetValue(at.ToString(), at == 1 ? "1 star & up" : $"{at} stars & up", tallies.RatingsAtLeast[i], query.Rating == at))],
            PriceBands.Select((band, i) => new FacetValue(band.Value, band.Label, tallies.PriceBands[i], query.MinPrice == band.From && query.MaxPrice == band.To)).ToList(),
            new FacetValue("true", "In stock", tallies.InStock, query.InStock == true),
            tallies.Options.Keys.Union(selectedOptions.Keys).Order(StringComparer.Ordinal).ToDictionary(key => key, key =>
            {
                var chosen = selectedOptions.GetValueOrDefault(key) ?? [];
                return (IReadOnlyList<FacetValue>)Biggest(tallies.Options.GetValueOrDefault(key) ?? [], chosen)
                    .Select(v => new FacetValue($"{key}:{v.Value}", v.Value, v.Count, chosen.Contains(v.Value))).ToList();
            }));
    }

    /// <summary>
    /// The 30 values of a facet with the most products, then any chosen value not among them (with its
    /// count, 0 when the other filters leave it none), so every filter in force can be seen and undone.
    /// </summary>
    private static List<(T Value, int Count)> Biggest<T>(IEnumerable<(T Value, int Count)> counts, IReadOnlyCollection<T> chosen) where T : notnull
    {
        var all = counts.ToList();
        var biggest = all.OrderByDescending(c => c.Count).ThenBy(c => c.Value.ToString(), StringComparer.Ordinal).Take(30).ToList();
        var missing = chosen.Where(value => !biggest.Any(b => b.Value.Equals(value)))
            .Select(value => (value, all.FirstOrDefault(c => c.Value.Equals(value)).Count));
        return [.. biggest, .. missing];
    }

    private sealed record CardRow(Guid Id, string Title, string? HindiTitle, string Slug, string Brand, string Currency, decimal MinPrice, decimal MaxPrice, bool InStock,
        decimal AverageRating, int ReviewCount, string? PrimaryImage, Guid SellerId);
}

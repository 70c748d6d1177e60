using System.Text;
using Dapper;
using Npgsql;
using Shop.Web.Modules.Catalog.Data;
using Shop.Web.Modules.Identity.Contracts;

namespace Shop.Web.Modules.Catalog.Browse;

/// <summary>
/// Storefront listing and search: full-text search with weighted ranking, filters, and facet counts
/// where each facet is counted with every filter but its own (so a shopper sees how many results
/// each choice would leave). Listings over many products are worked out by the in-memory
/// <see cref="ListingIndex"/>; smaller ones in SQL. Either way the products shown are read live.
/// </summary>
public sealed class CatalogSearch(
    NpgsqlDataSource dataSource, ISellerDirectory sellers, SpellingCorrector spelling, CatalogCache cache, ListingIndex index,
    Microsoft.Extensions.Options.IOptions<CatalogCacheOptions> options, Analytics.Contracts.IShoppingActivity activity)
{
    private const int DefaultPageSize = 24;

    /// <summary>A search's words (parameter @q) against the weighted document, and their rank, as both listings use them.</summary>
    private const string TextMatch = "p.search_vector @@ websearch_to_tsquery('english', @q)";
    private const string TextRank = "ts_rank_cd(p.search_vector, websearch_to_tsquery('english', @q), 1)";

    internal static readonly (string Value, string Label, decimal? From, decimal? To)[] PriceBands =
    [
        ("0-500", "Under ₹500", null, 500m), ("500-1000", "₹500 – ₹1,000", 500m, 1000m), ("1000-2500", "₹1,000 – ₹2,500", 1000m, 2500m),
        ("2500-5000", "₹2,500 – ₹5,000", 2500m, 5000m), ("5000-10000", "₹5,000 – ₹10,000", 5000m, 10000m),
        ("10000-25000", "₹10,000 – ₹25,000", 10000m, 25000m), ("25000-", "Over ₹25,000", 25000m, null),
    ];

    private enum Dimension { Text, Category, Price, Brand, Seller, Rating, Stock, Option }

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
        var filters = new Filters(query, categoryPath);
        var page = query.Page ?? 1;
        var pageSize = query.PageSize ?? DefaultPageSize;
        var sort = query.Sort ?? (string.IsNullOrWhiteSpace(query.Q) ? ProductSort.Newest : ProductSort.Relevance);
        var indexed = await FromIndexAsync(connection, query, categoryPath, sort, page, pageSize, cancellationToken);

        List<CardRow> cards;
        int total;
        FacetTallies? tallies = null;
        if (indexed is not null)
        {
            cards = await CardRowsAsync(connection, indexed.PageIds, cancellationToken);
            total = indexed.Total;
            tallies = indexed.Tallies;
        }
        else
        {
            var rank = query.Q is { Length: > 0 } ? TextRank : "0::real";
            var order = sort switch
            {
                ProductSort.PriceAscending => "p.min_price, p.id",
                ProductSort.PriceDescending => "p.max_price DESC, p.id",
                ProductSort.BestRated => "p.rating_average DESC, p.rating_count DESC, p.id",
                ProductSort.BestSelling => "p.sold_count DESC, p.id",
                ProductSort.Relevance when query.Q is { Length: > 0 } => $"{rank} DESC, p.sold_count DESC, p.id",
                _ => "p.created_at DESC, p.id",
            };
            var parameters = filters.Parameters;
            parameters.Add("limit", pageSize);
            parameters.Add("offset", (page - 1) * pageSize);
            cards = (await connection.QueryAsync<CardRow>(new CommandDefinition(
                $"SELECT {CardColumns} FROM catalog.products p WHERE {filters.Where()} ORDER BY {order} LIMIT @limit OFFSET @offset",
                parameters, cancellationToken: cancellationToken))).ToList();
            total = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                $"SELECT count(*) FROM catalog.products p WHERE {filters.Where()}", parameters, cancellationToken: cancellationToken));
            if (includeFacets)
                tallies = await LiveTalliesAsync(connection, filters, query, cancellationToken);
        }

        // The biggest sellers and the chosen ones get a facet; their names and those of the cards' sellers are looked up together.
        var topSellers = tallies is null ? [] : Biggest(tallies.Sellers, query.Seller ?? []);
        var names = await sellers.FindAsync(cards.Select(c => c.SellerId).Concat(topSellers.Select(s => s.Value)).Distinct().ToList());
        var facets = includeFacets ? await FacetsAsync(connection, tallies!, topSellers, names, categoryPath, query, cancellationToken) : NoFacets;
        return new ProductSearchResult(ToCards(cards, names), total, page, pageSize, facets, null, sort);
    }

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

    /// <summary>
    /// A listing over many products from this instance's listing index; null while the index is not
    /// loaded yet or when few products are in play (the SQL listing is cheap and exact then).
    /// </summary>
    private async Task<IndexedListing?> FromIndexAsync(NpgsqlConnection connection, ProductQuery query, string? categoryPath, string sort, int page, int pageSize,
        CancellationToken cancellationToken)
    {
        if (index.Current is not { } snapshot || (query.Category is not null && categoryPath is null))
            return null;
        TextMatches? text = null;
        if (query.Q is { Length: > 0 } q)
        {
            var ranked = sort == ProductSort.Relevance;
            var rank = ranked ? TextRank : "0::real";
            text = await snapshot.MatchAsync(q, ranked, () => connection.QueryAsync<(Guid Id, float Rank)>(new CommandDefinition(
                $"SELECT p.id, {rank} FROM catalog.products p WHERE p.status = 'active' AND {TextMatch}",
                new { q }, cancellationToken: cancellationToken)));
        }
        return ListingIndexQuery.Evaluate(snapshot, query, categoryPath, text, sort, page, pageSize,
            text is null ? options.Value.IndexedListingsFrom : options.Value.IndexedSearchesFrom);
    }

    /// <summary>Facet counts of a listing counted live: one pass per distinct set of filters.</summary>
    private static async Task<FacetTallies> LiveTalliesAsync(NpgsqlConnection connection, Filters filters, ProductQuery query, CancellationToken cancellationToken)
    {
        var parameters = filters.Parameters;
        parameters.Add("facetPrefix", filters.CategoryPath ?? "/");
        parameters.Add("facetPrefixEnd", SubtreeEnd(filters.CategoryPath ?? "/"));

        // Children of the current category (or the roots), counted by the next segment of each product's path.
        var childCounts = (await connection.QueryAsync<(string Child, int Count)>(new CommandDefinition($"""
            SELECT split_part(substr(p.category_path, length(@facetPrefix) + 1), '/', 1), count(*)::int
              FROM catalog.products p
             WHERE {filters.Where()} AND p.category_path ~>=~ @facetPrefix AND p.category_path ~<~ @facetPrefixEnd
             GROUP BY 1
            """, parameters, cancellationToken: cancellationToken))).ToDictionary(c => c.Child, c => c.Count);

        var brands = await connection.QueryAsync<(string Brand, int Count)>(new CommandDefinition($"""
            SELECT p.brand, count(*)::int FROM catalog.products p WHERE {filters.Where(except: Dimension.Brand)} GROUP BY p.brand
            """, parameters, cancellationToken: cancellationToken));

        var sellerCounts = await connection.QueryAsync<(Guid SellerId, int Count)>(new CommandDefinition($"""
            SELECT p.seller_id, count(*)::int FROM catalog.products p WHERE {filters.Where(except: Dimension.Seller)} GROUP BY p.seller_id
            """, parameters, cancellationToken: cancellationToken));

        // Ratings, price bands and stock in one pass per distinct WHERE (a dimension that is
        // filtered is counted without its own filter).
        var bandCounts = string.Join(", ", PriceBands.Select((band, i) =>
            $"count(*) FILTER (WHERE {(band.From is null ? "true" : $"p.min_price >= {band.From}")} AND {(band.To is null ? "true" : $"p.min_price < {band.To}")})::int AS b{i}"));
        var aggregates = $"""
            count(*) FILTER (WHERE p.rating_average >= 4)::int AS r4, count(*) FILTER (WHERE p.rating_average >= 3)::int AS r3,
            count(*) FILTER (WHERE p.rating_average >= 2)::int AS r2, count(*) FILTER (WHERE p.rating_average >= 1)::int AS r1,
            count(*) FILTER (WHERE p.in_stock)::int AS stock, {bandCounts}
            """;
        var passes = new Dictionary<string, IDictionary<string, object>>();
        async Task<IDictionary<string, object>> CountsWithoutOwnFilter(Dimension dimension)
        {
            Dimension? except = filters.Has(dimension) ? dimension : null;
            var key = except?.ToString() ?? "all filters";
            if (!passes.TryGetValue(key, out var row))
                passes[key] = row = (IDictionary<string, object>)await connection.QuerySingleAsync(new CommandDefinition(
                    $"SELECT {aggregates} FROM catalog.products p WHERE {filters.Where(except: except)}", parameters, cancellationToken: cancellationToken));
            return row;
        }
        var ratings = await CountsWithoutOwnFilter(Dimension.Rating);
        var prices = await CountsWithoutOwnFilter(Dimension.Price);
        var stock = await CountsWithoutOwnFilter(Dimension.Stock);

        var options = new Dictionary<string, IReadOnlyList<(string Value, int Count)>>();
        var selectedOptions = query.OptionFilters;
        // Keys with a selection are counted without their own filter; the rest share one query with all filters.
        foreach (var key in selectedOptions.Keys.Append(null))
        {
            var rows = await connection.QueryAsync<(string Option, int Count)>(new CommandDefinition($"""
                SELECT o, count(*)::int
                  FROM catalog.products p CROSS JOIN LATERAL unnest(p.option_values) o
                 WHERE {filters.Where(exceptOption: key)} {(key is null ? "" : "AND starts_with(o, @facetKey || ':')")}
                 GROUP BY o
                """, Merge(parameters, ("facetKey", key)), cancellationToken: cancellationToken));
            foreach (var group in rows.Select(r => (Split: r.Option.Split(':', 2), r.Count)).Where(r => r.Split.Length == 2)
                         .GroupBy(r => r.Split[0]).Where(g => key is not null || !selectedOptions.ContainsKey(g.Key)))
                options[group.Key] = group.Select(r => (r.Split[1], r.Count)).ToList();
        }

        return new FacetTallies(childCounts, brands.ToList(), sellerCounts.ToList(),
            [(int)ratings["r4"], (int)ratings["r3"], (int)ratings["r2"], (int)ratings["r1"]],
            PriceBands.Select((_, i) => (int)prices[$"b{i}"]).ToList(), (int)stock["stock"], options);
    }

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

    /// <summary>The first path after every path under <paramref name="prefix"/> ("/a/" → "/a0"; '0' follows '/').</summary>
    private static string SubtreeEnd(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);

    private static DynamicParameters Merge(DynamicParameters parameters, (string Name, object? Value) extra)
    {
        var merged = new DynamicParameters(parameters);
        merged.Add(extra.Name, extra.Value);
        return merged;
    }

    private sealed record CardRow(Guid Id, string Title, string? HindiTitle, string Slug, string Brand, string Currency, decimal MinPrice, decimal MaxPrice, bool InStock,
        decimal AverageRating, int ReviewCount, string? PrimaryImage, Guid SellerId);

    /// <summary>The WHERE clause of a query, buildable with any one dimension left out (for its facet).</summary>
    private sealed class Filters
    {
        private readonly List<(Dimension Dimension, string? OptionKey, string Sql)> clauses = [];

        public Filters(ProductQuery query, string? categoryPath)
        {
            CategoryPath = categoryPath;
            Parameters = new DynamicParameters();
            if (query.Q is { Length: > 0 } q)
                Add(Dimension.Text, TextMatch, ("q", q));
            if (query.Category is not null)
            {
                // A subtree is the range [path, path-with-its-final-"/"-raised), which plans the same with any parameter value.
                Add(Dimension.Category, categoryPath is null ? "false" : "p.category_path ~>=~ @categoryPath AND p.category_path ~<~ @categoryPathEnd", ("categoryPath", categoryPath));
                Parameters.Add("categoryPathEnd", categoryPath is null ? null : SubtreeEnd(categoryPath));
            }
            if (query.MinPrice is { } min)
                Add(Dimension.Price, "p.min_price >= @minPrice", ("minPrice", min));
            if (query.MaxPrice is { } max)
                Add(Dimension.Price, "p.min_price <= @maxPrice", ("maxPrice", max));
            if (query.Brand is { Length: > 0 } brands)
                Add(Dimension.Brand, "p.brand = ANY(@brands)", ("brands", brands));
            if (query.Seller is { Length: > 0 } sellerIds)
                Add(Dimension.Seller, "p.seller_id = ANY(@sellers)", ("sellers", sellerIds));
            if (query.Rating is { } rating)
                Add(Dimension.Rating, "p.rating_average >= @rating", ("rating", (decimal)rating));
            if (query.InStock == true)
                Add(Dimension.Stock, "p.in_stock", default);
            var index = 0;
            foreach (var (key, values) in query.OptionFilters)
            {
                index++;
                clauses.Add((Dimension.Option, key, $"p.option_values && @optionValues{index}"));
                Parameters.Add($"optionValues{index}", values.Select(v => $"{key}:{v}").ToArray());
            }
        }

        public string? CategoryPath { get; }

        public bool Has(Dimension dimension) => clauses.Any(c => c.Dimension == dimension);

        public DynamicParameters Parameters { get; }

        public string Where(Dimension? except = null, string? exceptOption = null)
        {
            var sql = new StringBuilder("p.status = 'active'");
            foreach (var clause in clauses.Where(c => c.Dimension != except && (exceptOption is null || c.OptionKey != exceptOption)))
                sql.Append(" AND ").Append(clause.Sql);
            return sql.ToString();
        }

        private void Add(Dimension dimension, string sql, (string Name, object? Value) parameter)
        {
            clauses.Add((dimension, null, sql));
            if (parameter.Name is not null)
                Parameters.Add(parameter.Name, parameter.Value);
        }
    }
}

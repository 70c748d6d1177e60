using System.Text;
using Dapper;
using Npgsql;
using Shop.Web.Modules.Catalog.Data;
using Shop.Web.Modules.Identity.Contracts;

namespace Shop.Web.Modules.Catalog.Browse;

/// <summary>
/// Storefront listing and search in hand-written SQL: full-text search with weighted ranking,
/// filters, and facet counts where each facet is counted with every filter but its own (so a
/// shopper sees how many results each choice would leave).
/// </summary>
public sealed class CatalogSearch(NpgsqlDataSource dataSource, ISellerDirectory sellers, SpellingCorrector spelling)
{
    private const int DefaultPageSize = 24;

    internal static readonly (string Value, string Label, decimal? From, decimal? To)[] PriceBands =
    [
        ("0-500", "Under ₹500", null, 500m), ("500-1000", "₹500 – ₹1,000", 500m, 1000m), ("1000-2500", "₹1,000 – ₹2,500", 1000m, 2500m),
        ("2500-5000", "₹2,500 – ₹5,000", 2500m, 5000m), ("5000-10000", "₹5,000 – ₹10,000", 5000m, 10000m),
        ("10000-25000", "₹10,000 – ₹25,000", 10000m, 25000m), ("25000-", "Over ₹25,000", 25000m, null),
    ];

    private enum Dimension { Text, Category, Price, Brand, Seller, Rating, Stock, Option }

    private static readonly CatalogFacets NoFacets = new([], [], [], [], [], new FacetValue("true", "In stock", 0, false), new Dictionary<string, IReadOnlyList<FacetValue>>());

    /// <summary>Matching products with facet counts, as listing pages and the API show them.</summary>
    public Task<ProductSearchResult> SearchAsync(ProductQuery query, CancellationToken cancellationToken = default) =>
        SearchAsync(query, includeFacets: true, cancellationToken);

    /// <summary>Matching products only, for shelves that show a few cards.</summary>
    public Task<ProductSearchResult> ListAsync(ProductQuery query, CancellationToken cancellationToken = default) =>
        SearchAsync(query, includeFacets: false, cancellationToken);

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
        var rank = query.Q is { Length: > 0 } ? "ts_rank_cd(p.search_vector, websearch_to_tsquery('english', @q), 1)" : "0::real";
        var order = sort switch
        {
            ProductSort.PriceAscending => "p.min_price, p.id",
            ProductSort.PriceDescending => "p.max_price DESC, p.id",
            ProductSort.BestRated => "p.rating_average DESC, p.rating_count DESC, p.id",
            ProductSort.BestSelling => "p.sold_count DESC, p.id",
            ProductSort.Relevance when query.Q is { Length: > 0 } => "rank DESC, p.sold_count DESC, p.id",
            _ => "p.created_at DESC, p.id",
        };
        var parameters = filters.Parameters;
        parameters.Add("limit", pageSize);
        parameters.Add("offset", (page - 1) * pageSize);

        var cards = (await connection.QueryAsync<CardRow>(new CommandDefinition($"""
            SELECT p.id, p.title, p.slug, p.brand, p.currency, p.min_price AS MinPrice, p.max_price AS MaxPrice, p.in_stock AS InStock,
                   p.rating_average AS AverageRating, p.rating_count AS ReviewCount, p.primary_image AS PrimaryImage, p.seller_id AS SellerId,
                   {rank} AS rank
              FROM catalog.products p
             WHERE {filters.Where()}
             ORDER BY {order}
             LIMIT @limit OFFSET @offset
            """, parameters, cancellationToken: cancellationToken))).ToList();
        var total = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            $"SELECT count(*) FROM catalog.products p WHERE {filters.Where()}", parameters, cancellationToken: cancellationToken));

        var facets = includeFacets ? await FacetsAsync(connection, filters, query, cancellationToken) : NoFacets;
        var names = await sellers.FindAsync(cards.Select(c => c.SellerId).Distinct().ToList());
        var items = cards.Select(c => new ProductCard(c.Id, c.Title, c.Slug, c.Brand, c.Currency, c.MinPrice, c.MaxPrice, c.InStock,
            c.AverageRating, c.ReviewCount, c.PrimaryImage is null ? null : $"/media/{c.PrimaryImage}", c.SellerId,
            names.GetValueOrDefault(c.SellerId)?.ShopName)).ToList();
        return new ProductSearchResult(items, total, page, pageSize, facets, null, sort);
    }

    private async Task<CatalogFacets> FacetsAsync(NpgsqlConnection connection, Filters filters, ProductQuery query, CancellationToken cancellationToken)
    {
        var parameters = filters.Parameters;
        parameters.Add("categoryPath", filters.CategoryPath);

        var categories = await connection.QueryAsync<(string Slug, string Name, int Count)>(new CommandDefinition($"""
            SELECT c.slug, c.name, count(p.id)::int
              FROM catalog.categories c
              JOIN catalog.categories d ON d.path LIKE c.path || '%'
              JOIN catalog.products p ON p.category_id = d.id
             WHERE {(filters.CategoryPath is null ? "c.parent_id IS NULL" : "c.path LIKE @categoryPath || '%' AND c.depth = (SELECT depth + 1 FROM catalog.categories WHERE path = @categoryPath)")}
               AND {filters.Where(except: Dimension.Category)}
             GROUP BY c.id, c.slug, c.name, c.sort_order
             ORDER BY c.sort_order, c.name
            """, parameters, cancellationToken: cancellationToken));

        var brands = await connection.QueryAsync<(string Brand, int Count)>(new CommandDefinition($"""
            SELECT p.brand, count(*)::int FROM catalog.products p WHERE {filters.Where(except: Dimension.Brand)}
             GROUP BY p.brand ORDER BY count(*) DESC, p.brand LIMIT 30
            """, parameters, cancellationToken: cancellationToken));

        var sellerCounts = (await connection.QueryAsync<(Guid SellerId, int Count)>(new CommandDefinition($"""
            SELECT p.seller_id, count(*)::int FROM catalog.products p WHERE {filters.Where(except: Dimension.Seller)}
             GROUP BY p.seller_id ORDER BY count(*) DESC LIMIT 30
            """, parameters, cancellationToken: cancellationToken))).ToList();
        var sellerNames = await sellers.FindAsync(sellerCounts.Select(s => s.SellerId).ToList());

        var ratings = await connection.QuerySingleAsync<(int Four, int Three, int Two, int One)>(new CommandDefinition($"""
            SELECT count(*) FILTER (WHERE p.rating_average >= 4)::int, count(*) FILTER (WHERE p.rating_average >= 3)::int,
                   count(*) FILTER (WHERE p.rating_average >= 2)::int, count(*) FILTER (WHERE p.rating_average >= 1)::int
              FROM catalog.products p WHERE {filters.Where(except: Dimension.Rating)}
            """, parameters, cancellationToken: cancellationToken));

        var bandCounts = string.Join(", ", PriceBands.Select((band, i) =>
            $"count(*) FILTER (WHERE {(band.From is null ? "true" : $"p.min_price >= {band.From}")} AND {(band.To is null ? "true" : $"p.min_price < {band.To}")})::int AS b{i}"));
        var prices = (IDictionary<string, object>)await connection.QuerySingleAsync(new CommandDefinition(
            $"SELECT {bandCounts} FROM catalog.products p WHERE {filters.Where(except: Dimension.Price)}", parameters, cancellationToken: cancellationToken));

        var inStock = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            $"SELECT count(*)::int FROM catalog.products p WHERE {filters.Where(except: Dimension.Stock)} AND p.in_stock", parameters, cancellationToken: cancellationToken));

        var options = new Dictionary<string, IReadOnlyList<FacetValue>>();
        var selectedOptions = query.OptionFilters;
        // Keys with a selection are counted without their own filter; the rest share one query with all filters.
        foreach (var key in selectedOptions.Keys.Append(null))
        {
            var rows = await connection.QueryAsync<(string Key, string Value, int Count)>(new CommandDefinition($"""
                SELECT o.key, o.value, count(DISTINCT p.id)::int
                  FROM catalog.products p
                  JOIN catalog.variants v ON v.product_id = p.id
                  CROSS JOIN LATERAL jsonb_each_text(v.options) o
                 WHERE {filters.Where(exceptOption: key)} {(key is null ? "" : "AND o.key = @facetKey")}
                 GROUP BY o.key, o.value
                 ORDER BY o.key, count(DISTINCT p.id) DESC, o.value
                """, Merge(parameters, ("facetKey", key)), cancellationToken: cancellationToken));
            foreach (var group in rows.GroupBy(r => r.Key).Where(g => key is not null || !selectedOptions.ContainsKey(g.Key)))
                options[group.Key] = group.Take(30).Select(r => new FacetValue($"{r.Key}:{r.Value}", r.Value, r.Count,
                    selectedOptions.GetValueOrDefault(r.Key)?.Contains(r.Value) == true)).ToList();
        }

        var selectedBrands = query.Brand ?? [];
        var selectedSellers = query.Seller ?? [];
        return new CatalogFacets(
            categories.Select(c => new FacetValue(c.Slug, c.Name, c.Count, false)).ToList(),
            brands.Select(b => new FacetValue(b.Brand, b.Brand, b.Count, selectedBrands.Contains(b.Brand))).ToList(),
            sellerCounts.Select(s => new FacetValue(s.SellerId.ToString(), sellerNames.GetValueOrDefault(s.SellerId)?.ShopName ?? "Seller", s.Count, selectedSellers.Contains(s.SellerId))).ToList(),
            [
                new("4", "4 stars & up", ratings.Four, query.Rating == 4), new("3", "3 stars & up", ratings.Three, query.Rating == 3),
                new("2", "2 stars & up", ratings.Two, query.Rating == 2), new("1", "1 star & up", ratings.One, query.Rating == 1),
            ],
            PriceBands.Select((band, i) => new FacetValue(band.Value, band.Label, (int)prices[$"b{i}"],
                query.MinPrice == band.From && query.MaxPrice == band.To)).ToList(),
            new FacetValue("true", "In stock", inStock, query.InStock == true),
            options.OrderBy(o => o.Key).ToDictionary());
    }

    private static DynamicParameters Merge(DynamicParameters parameters, (string Name, object? Value) extra)
    {
        var merged = new DynamicParameters(parameters);
        merged.Add(extra.Name, extra.Value);
        return merged;
    }

    private sealed record CardRow(Guid Id, string Title, string Slug, string Brand, string Currency, decimal MinPrice, decimal MaxPrice, bool InStock,
        decimal AverageRating, int ReviewCount, string? PrimaryImage, Guid SellerId, float Rank);

    /// <summary>The WHERE clause of a query, buildable with any one dimension left out (for its facet).</summary>
    private sealed class Filters
    {
        private readonly List<(Dimension Dimension, string? OptionKey, string Sql)> clauses = [];

        public Filters(ProductQuery query, string? categoryPath)
        {
            CategoryPath = categoryPath;
            Parameters = new DynamicParameters();
            if (query.Q is { Length: > 0 } q)
                Add(Dimension.Text, "p.search_vector @@ websearch_to_tsquery('english', @q)", ("q", q));
            if (query.Category is not null)
                Add(Dimension.Category, categoryPath is null ? "false" : "p.category_id IN (SELECT id FROM catalog.categories WHERE path LIKE @categoryPath || '%')", ("categoryPath", categoryPath));
            if (query.MinPrice is { } min)
                Add(Dimension.Price, "p.min_price >= @minPrice", ("minPrice", min));
            if (query.MaxPrice is { } max)
                Add(Dimension.Price, "p.min_price < @maxPrice", ("maxPrice", max));
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
                clauses.Add((Dimension.Option, key,
                    $"EXISTS (SELECT 1 FROM catalog.variants v WHERE v.product_id = p.id AND v.options ->> @optionKey{index} = ANY(@optionValues{index}))"));
                Parameters.Add($"optionKey{index}", key);
                Parameters.Add($"optionValues{index}", values);
            }
        }

        public string? CategoryPath { get; }

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

using Dapper;
using Npgsql;
using Shop.Web.Modules.Catalog.Browse;
using Shop.Web.Modules.Ordering.Contracts;

namespace Shop.Web.Modules.Catalog.Recommendations;

public static class RecommendationReason
{
    /// <summary>Often in the same orders as the product (cosine similarity over orders).</summary>
    public const string BoughtTogether = "bought-together";

    /// <summary>Similar to what the customer bought or viewed (item-based collaborative filtering).</summary>
    public const string SimilarToYourHistory = "similar-to-your-history";

    /// <summary>Fallback when there are too few of the above: a best seller of the same categories.</summary>
    public const string CategoryBestSeller = "category-best-seller";

    /// <summary>Last fallback: a best seller of the whole shop.</summary>
    public const string BestSeller = "best-seller";
}

public sealed record Recommendation(ProductCard Product, string Reason);

/// <summary>
/// Recommendations read from the co-purchase counts (<see cref="CoPurchaseCounter"/>) and view history:
/// each is a few indexed lookups. Only active, in-stock products are recommended; thin data is
/// topped up with best sellers of the same categories, then of the shop. docs/recommendations.md
/// explains the method.
/// </summary>
public sealed class Recommender(NpgsqlDataSource dataSource, CatalogSearch search, ViewHistory views, IPurchaseHistory purchases)
{
    public const int ShelfSize = 6;

    /// <summary>How much a viewed product counts next to a bought one when finding similar products.</summary>
    private const double ViewWeight = 0.5;

    /// <summary>Cosine similarity: orders holding both, over the square root of the product of each one's orders.</summary>
    private const string Similarity = "pp.orders_together / sqrt(a.orders::float8 * b.orders)";

    private const string Recommendable = "JOIN catalog.products p ON p.id = pp.other_product_id AND p.status = 'active' AND p.in_stock";

    public async Task<IReadOnlyList<Recommendation>> BoughtTogetherAsync(Guid productId, int limit = ShelfSize, CancellationToken cancellationToken = default)
    {
        var together = await QueryAsync<Guid>($"""
            SELECT pp.other_product_id
              FROM catalog.product_pairs pp
              JOIN catalog.product_order_counts a ON a.product_id = pp.product_id
              JOIN catalog.product_order_counts b ON b.product_id = pp.other_product_id
              {Recommendable}
             WHERE pp.product_id = @productId
             ORDER BY {Similarity} DESC, pp.orders_together DESC, pp.other_product_id
             LIMIT @limit
            """, new { productId, limit }, cancellationToken);
        return await TopUpAsync(together, RecommendationReason.BoughtTogether, [productId], limit, cancellationToken);
    }

    /// <summary>
    /// For a signed-in customer: products similar to what they bought (weight 1) and recently viewed
    /// (weight ½), scored by summed similarity; nothing they bought or just viewed is suggested.
    /// </summary>
    public async Task<IReadOnlyList<Recommendation>> ForCustomerAsync(Guid customerId, IReadOnlyList<string> visitorKeys, int limit = ShelfSize,
        CancellationToken cancellationToken = default)
    {
        var bought = await purchases.BoughtProductsAsync(customerId, 50, cancellationToken);
        var viewed = (await views.RecentAsync(visitorKeys, 20, cancellationToken)).Except(bought).ToList();
        Guid[] seeds = [.. bought, .. viewed];
        double[] weights = [.. bought.Select(_ => 1.0), .. viewed.Select(_ => ViewWeight)];
        var similar = await QueryAsync<Guid>($"""
            SELECT pp.other_product_id
              FROM unnest(@seeds, @weights) AS seed(product_id, weight)
              JOIN catalog.product_pairs pp ON pp.product_id = seed.product_id
              JOIN catalog.product_order_counts a ON a.product_id = pp.product_id
              JOIN catalog.product_order_counts b ON b.product_id = pp.other_product_id
              {Recommendable}
             WHERE pp.other_product_id <> ALL(@seeds)
             GROUP BY pp.other_product_id
             ORDER BY sum(seed.weight * {Similarity}) DESC, pp.other_product_id
             LIMIT @limit
            """, new { seeds, weights, limit }, cancellationToken);
        return await TopUpAsync(similar, RecommendationReason.SimilarToYourHistory, seeds, limit, cancellationToken);
    }

    /// <summary>Recently viewed products (still on sale), most recent first.</summary>
    public async Task<IReadOnlyList<ProductCard>> RecentlyViewedAsync(IReadOnlyList<string> visitorKeys, Guid? except = null, int limit = ShelfSize,
        CancellationToken cancellationToken = default)
    {
        var recent = await views.RecentAsync(visitorKeys, limit + 1, cancellationToken);
        return await search.CardsAsync(recent.Where(id => id != except).Take(limit).ToList(), cancellationToken);
    }

    /// <summary>
    /// Fills a short list with in-stock best sellers of the seeds' categories (up to three, most recent
    /// seed first), then of the whole shop: the catalog's cached best-selling listings, not a scan.
    /// </summary>
    private async Task<IReadOnlyList<Recommendation>> TopUpAsync(List<Guid> found, string reason, Guid[] seeds, int limit,
        CancellationToken cancellationToken)
    {
        var picks = found.Select(id => (Id: id, Reason: reason)).ToList();
        var taken = new HashSet<Guid>([.. seeds, .. found]);
        if (picks.Count < limit)
        {
            var categories = await QueryAsync<string>("""
                SELECT c.slug FROM unnest(@seeds) WITH ORDINALITY AS seed(id, position)
                  JOIN catalog.products p ON p.id = seed.id JOIN catalog.categories c ON c.id = p.category_id
                 GROUP BY c.slug ORDER BY min(seed.position) LIMIT 3
                """, new { seeds }, cancellationToken);
            foreach (var category in categories.Append(null))
            {
                var bestSellers = await search.ListAsync(new ProductQuery
                {
                    Category = category, Sort = ProductSort.BestSelling, InStock = true, PageSize = Math.Min(100, limit + taken.Count),
                }, cancellationToken);
                foreach (var card in bestSellers.Items.Where(card => picks.Count < limit && taken.Add(card.Id)))
                    picks.Add((card.Id, category is null ? RecommendationReason.BestSeller : RecommendationReason.CategoryBestSeller));
                if (picks.Count >= limit)
                    break;
            }
        }
        var reasons = picks.ToDictionary(p => p.Id, p => p.Reason);
        var cards = await search.CardsAsync(picks.Select(p => p.Id).ToList(), cancellationToken);
        return cards.Select(card => new Recommendation(card, reasons[card.Id])).ToList();
    }

    /// <summary>One query on a connection of its own, returned to the pool before the catalog is asked for cards.</summary>
    private async Task<List<T>> QueryAsync<T>(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<T>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken))).ToList();
    }
}

using Microsoft.EntityFrameworkCore;
using Shop.Web.Modules.Catalog.Contracts;
using Shop.Web.Modules.Reviews.Contracts;
using Shop.Web.Platform.Database;

namespace Shop.Web.Modules.Reviews.Data;

/// <summary>
/// Keeps each product's rating (count, average, histogram) equal to its approved reviews. Every change
/// that can move it is a step in its use case's transaction (ADR 0037) that first locks the product's
/// tally row, then recounts the product's approved reviews (an indexed read of one product's rows) and
/// hands the result to the catalog for listings, sorting and the rating facet. Concurrent moderations
/// of one product queue on the lock, so each recount sees the others' committed changes: none is lost.
/// </summary>
public sealed class RatingTally(ShopDbContext db, IProductDirectory products) : ISellerRatings
{
    public async Task<T> ChangeAsync<T>(Guid productId, Guid sellerId, Func<Task<T>> change, CancellationToken cancellationToken = default)
    {
        // Creates the tally row or, as an update, locks it until commit.
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO reviews.product_ratings (product_id, seller_id, review_count, rating_total, one_star, two_stars, three_stars, four_stars, five_stars)
            VALUES ({productId}, {sellerId}, 0, 0, 0, 0, 0, 0, 0)
            ON CONFLICT (product_id) DO UPDATE SET seller_id = EXCLUDED.seller_id
            """, cancellationToken);
        var result = await change();
        await db.Database.ExecuteSqlAsync($"""
            UPDATE reviews.product_ratings t
               SET review_count = a.n, rating_total = a.total, one_star = a.s1, two_stars = a.s2, three_stars = a.s3, four_stars = a.s4, five_stars = a.s5
              FROM (SELECT count(*)::int AS n, coalesce(sum(rating), 0)::int AS total,
                           count(*) FILTER (WHERE rating = 1)::int AS s1, count(*) FILTER (WHERE rating = 2)::int AS s2,
                           count(*) FILTER (WHERE rating = 3)::int AS s3, count(*) FILTER (WHERE rating = 4)::int AS s4,
                           count(*) FILTER (WHERE rating = 5)::int AS s5
                      FROM reviews.reviews WHERE product_id = {productId} AND status = 'approved') a
             WHERE t.product_id = {productId}
            """, cancellationToken);
        var tally = await db.Set<ProductRating>().AsNoTracking().SingleAsync(r => r.ProductId == productId, cancellationToken);
        await products.SetRatingAsync(productId, Average(tally.RatingTotal, tally.ReviewCount), tally.ReviewCount, cancellationToken);
        return result;
    }

    public async Task<SellerRating> ForSellerAsync(Guid sellerId, CancellationToken cancellationToken = default)
    {
        var totals = await db.Set<ProductRating>().Where(r => r.SellerId == sellerId)
            .GroupBy(r => r.SellerId)
            .Select(g => new { Count = g.Sum(r => r.ReviewCount), Total = g.Sum(r => r.RatingTotal) })
            .SingleOrDefaultAsync(cancellationToken);
        return new SellerRating(Average(totals?.Total ?? 0, totals?.Count ?? 0), totals?.Count ?? 0);
    }

    public static decimal Average(int total, int count) => count == 0 ? 0 : Math.Round((decimal)total / count, 2, MidpointRounding.AwayFromZero);
}

using Microsoft.EntityFrameworkCore;
using Npgsql;
using Shop.Web.Modules.Catalog.Contracts;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Modules.Ordering.Contracts;
using Shop.Web.Modules.Reviews.Data;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Errors;

namespace Shop.Web.Modules.Reviews.Writing;

/// <summary>
/// Customers review what was delivered to them, once per product; an edit goes back to moderation
/// (and out of the product's rating until approved again). Other shoppers mark reviews helpful.
/// </summary>
public sealed class ReviewWriting(ShopDbContext db, RatingTally tally, IPurchaseHistory purchases, ICustomerDirectory customers, TimeProvider clock)
{
    public Task<bool> MayReviewAsync(Guid customerId, Guid productId) => purchases.HasReceivedAsync(customerId, productId);

    public async Task<MyReview?> MineAsync(Guid customerId, Guid productId) =>
        await db.Set<Review>().AsNoTracking().Where(r => r.ProductId == productId && r.CustomerId == customerId)
            .Select(r => MyReview.Of(r)).SingleOrDefaultAsync();

    public async Task<MyReview> WriteAsync(Guid customerId, ProductInfo product, ReviewRequest request)
    {
        if (!await purchases.HasReceivedAsync(customerId, product.Id))
            throw new RuleViolationException("review_not_received", "You can review a product once it has been delivered to you.");
        if (await db.Set<Review>().AnyAsync(r => r.ProductId == product.Id && r.CustomerId == customerId))
            throw AlreadyReviewed();
        var review = Review.Write(product.Id, product.SellerId, customerId, await AuthorNameAsync(customerId), request.Rating!.Value, request.Title, request.Body, clock.GetUtcNow());
        db.Add(review);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw AlreadyReviewed();
        }
        return MyReview.Of(review);
    }

    public async Task<MyReview?> EditAsync(Guid customerId, ProductInfo product, ReviewRequest request)
    {
        var authorName = await AuthorNameAsync(customerId);
        return await db.InTransactionAsync(() => tally.ChangeAsync(product.Id, product.SellerId, async () =>
        {
            var review = await db.Set<Review>().SingleOrDefaultAsync(r => r.ProductId == product.Id && r.CustomerId == customerId);
            if (review is null)
                return null;
            review.Edit(authorName, request.Rating!.Value, request.Title, request.Body, clock.GetUtcNow());
            await db.SaveChangesAsync();
            return MyReview.Of(review);
        }));
    }

    /// <summary>Counts the user's vote once; false when the review is not shown (or not there).</summary>
    public async Task<bool> MarkHelpfulAsync(Guid userId, Guid reviewId)
    {
        var review = await db.Set<Review>().AsNoTracking().Where(r => r.Id == reviewId && r.Status == ReviewStatus.Approved)
            .Select(r => new { r.CustomerId }).SingleOrDefaultAsync();
        if (review is null)
            return false;
        if (review.CustomerId == userId)
            throw new RuleViolationException("own_review", "You can't mark your own review as helpful.");
        // The vote and the count in one statement: a repeated vote inserts nothing and adds nothing.
        await db.Database.ExecuteSqlAsync($"""
            WITH vote AS (
                INSERT INTO reviews.helpful_votes (review_id, user_id, created_at) VALUES ({reviewId}, {userId}, {clock.GetUtcNow()})
                ON CONFLICT DO NOTHING RETURNING review_id)
            UPDATE reviews.reviews SET helpful_count = helpful_count + 1 WHERE id IN (SELECT review_id FROM vote)
            """);
        return true;
    }

    private async Task<string> AuthorNameAsync(Guid customerId) => Review.AuthorNameOf((await customers.FindAsync(customerId))?.Name ?? "");

    private static ConflictException AlreadyReviewed() =>
        new("review_exists", "You have already reviewed this product; edit your review instead.");
}

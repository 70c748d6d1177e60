using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Shop.Web.Modules.Catalog.Contracts;
using Shop.Web.Modules.Reviews.Data;
using Shop.Web.Modules.Reviews.Emails;
using Shop.Web.Platform.Api;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Outbox;

namespace Shop.Web.Modules.Reviews.Moderation;

/// <summary>Which reviews the moderation queue shows. Bound from the query string.</summary>
public sealed record ModerationFilter
{
    /// <summary>pending (the default), approved, rejected or all.</summary>
    [AllowedValues(null, "pending", "approved", "rejected", "all")]
    public string? Status { get; init; }

    [Range(1, 5)]
    public int? Rating { get; init; }

    /// <summary>Words in the title, text or author's name.</summary>
    [MaxLength(100)]
    public string? Q { get; init; }

    public ReviewStatus? StatusValue => Status is null ? ReviewStatus.Pending : Status == "all" ? null : Enum.Parse<ReviewStatus>(Status, ignoreCase: true);
}

public sealed class RejectReviewRequest
{
    [Required(ErrorMessage = "Tell the author why the review was rejected."), MaxLength(500)]
    public string Reason { get; set; } = "";
}

public sealed record ModeratedReview(Guid Id, Guid ProductId, string ProductTitle, string ProductSlug, string AuthorName, int Rating, string Title, string Body,
    ReviewStatus Status, string? RejectionReason, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? ModeratedAt);

/// <summary>
/// The admins' queue: approve a review (it shows and counts), or reject it with a reason that is
/// emailed to its author. Both recount the product's rating in the same transaction.
/// </summary>
public sealed class ReviewModeration(ShopDbContext db, RatingTally tally, IOutbox outbox, IProductDirectory products, TimeProvider clock)
{
    public async Task<Paged<ModeratedReview>> ListAsync(ModerationFilter filter, PageRequest page)
    {
        var reviews = db.Set<Review>().AsNoTracking();
        if (filter.StatusValue is { } status)
            reviews = reviews.Where(r => r.Status == status);
        if (filter.Rating is { } rating)
            reviews = reviews.Where(r => r.Rating == rating);
        if (filter.Q is { Length: > 0 } q)
        {
            var pattern = $"%{q.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_")}%";
            reviews = reviews.Where(r => EF.Functions.ILike(r.Title, pattern) || EF.Functions.ILike(r.Body, pattern) || EF.Functions.ILike(r.AuthorName, pattern));
        }
        // The queue is worked oldest first; decided reviews are looked up most recent first.
        var ordered = filter.StatusValue == ReviewStatus.Pending ? reviews.OrderBy(r => r.UpdatedAt) : reviews.OrderByDescending(r => r.UpdatedAt);
        var found = await ordered.ThenBy(r => r.Id).ToPagedAsync(page);
        var titles = await products.FindAsync(found.Items.Select(r => r.ProductId).Distinct().ToList());
        return new Paged<ModeratedReview>(found.Items.Select(r => View(r, titles.GetValueOrDefault(r.ProductId))).ToList(), found.Total, found.Page, found.PageSize);
    }

    public Task<ModeratedReview?> ApproveAsync(Guid moderatorId, Guid reviewId) =>
        DecideAsync(reviewId, review => review.Approve(moderatorId, clock.GetUtcNow()));

    public Task<ModeratedReview?> RejectAsync(Guid moderatorId, Guid reviewId, RejectReviewRequest request) =>
        DecideAsync(reviewId, review => review.Reject(moderatorId, request.Reason, clock.GetUtcNow()));

    private async Task<ModeratedReview?> DecideAsync(Guid reviewId, Action<Review> decide)
    {
        var target = await db.Set<Review>().AsNoTracking().Where(r => r.Id == reviewId).Select(r => new { r.ProductId, r.SellerId }).SingleOrDefaultAsync();
        if (target is null)
            return null;
        var review = await db.InTransactionAsync(() => tally.ChangeAsync(target.ProductId, target.SellerId, async () =>
        {
            var review = await db.Set<Review>().SingleAsync(r => r.Id == reviewId);
            decide(review);
            outbox.Add(new ReviewModerated(review.Id));
            await db.SaveChangesAsync();
            return review;
        }));
        var product = (await products.FindAsync([review.ProductId])).GetValueOrDefault(review.ProductId);
        return View(review, product);
    }

    private static ModeratedReview View(Review r, ProductInfo? product) =>
        new(r.Id, r.ProductId, product?.Title ?? "(removed product)", product?.Slug ?? "", r.AuthorName, r.Rating, r.Title, r.Body, r.Status,
            r.RejectionReason, r.CreatedAt, r.UpdatedAt, r.ModeratedAt);
}

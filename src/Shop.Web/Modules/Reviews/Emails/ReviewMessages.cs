using Microsoft.EntityFrameworkCore;
using Shop.Web.Modules.Catalog.Contracts;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Modules.Notifications.Contracts;
using Shop.Web.Modules.Reviews.Data;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Outbox;

namespace Shop.Web.Modules.Reviews.Emails;

/// <summary>Tells a review's author that it was published, or why it was not.</summary>
internal sealed class ReviewMessages(ShopDbContext db, IProductDirectory products, ICustomerDirectory customers, INotifier notifier)
    : IIntegrationEventHandler<ReviewModerated>
{
    public async Task HandleAsync(ReviewModerated moderated, CancellationToken cancellationToken)
    {
        var review = await db.Set<Review>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == moderated.ReviewId, cancellationToken);
        if (review is null || review.Status == ReviewStatus.Pending || await customers.FindAsync(review.CustomerId) is not { } author)
            return;
        var product = (await products.FindAsync([review.ProductId], cancellationToken)).GetValueOrDefault(review.ProductId);
        if (product is null)
            return;
        var approved = review.Status == ReviewStatus.Approved;
        var link = approved ? $"/p/{product.Slug}#reviews" : $"/p/{product.Slug}/review";
        await notifier.NotifyAsync(new Notice(NotificationKind.ReviewDecided, new Recipient(author.UserId, author.Email, author.Name, author.Language),
            new ReviewDecisionModel(product.Title, review.Title, approved, review.RejectionReason, link),
            Key: $"review:{review.Id}:{review.Status}:{review.ModeratedAt:O}", LinkPath: link), cancellationToken);
    }
}

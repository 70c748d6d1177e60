using Microsoft.EntityFrameworkCore;
using Shop.Web.Modules.Reviews.Contracts;
using Shop.Web.Modules.Reviews.Data;
using Shop.Web.Platform.Database;

namespace Shop.Web.Modules.Reviews.Moderation;

internal sealed class ReviewQueue(ShopDbContext db) : IReviewQueue
{
    public async Task<IReadOnlyList<ReviewToModerate>> PendingAsync(int limit, CancellationToken cancellationToken = default) =>
        await db.Set<Review>().AsNoTracking().Where(r => r.Status == ReviewStatus.Pending).OrderBy(r => r.UpdatedAt).Take(limit)
            .Select(r => new ReviewToModerate(r.Id, r.Rating, r.Title, r.AuthorName, r.UpdatedAt)).ToListAsync(cancellationToken);
}

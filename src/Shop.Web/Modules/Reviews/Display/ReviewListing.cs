using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Shop.Web.Modules.Reviews.Data;
using Shop.Web.Platform.Database;

namespace Shop.Web.Modules.Reviews.Display;

public static class ReviewSort
{
    public const string Newest = "newest";
    public const string MostHelpful = "helpful";
    public const string Highest = "highest";
    public const string Lowest = "lowest";

    public static readonly IReadOnlyList<(string Value, string Label)> All =
        [(Newest, "Newest"), (MostHelpful, "Most helpful"), (Highest, "Highest rating"), (Lowest, "Lowest rating")];
}

/// <summary>Which approved reviews of a product to show. Bound from the query string.</summary>
public sealed record ReviewQuery
{
    [AllowedValues(null, ReviewSort.Newest, ReviewSort.MostHelpful, ReviewSort.Highest, ReviewSort.Lowest)]
    public string? Sort { get; init; }

    [Range(1, 10_000)]
    public int? Page { get; init; }

    [Range(1, 50)]
    public int? PageSize { get; init; }
}

/// <summary>The product's approved ratings: average, count and how many gave each star (5 down to 1).</summary>
public sealed record RatingSummary(decimal AverageRating, int ReviewCount, IReadOnlyList<StarCount> Histogram);

public sealed record StarCount(int Stars, int Count);

/// <summary>A review as every shopper sees it. Text is as typed; pages encode it.</summary>
public sealed record PublicReview(Guid Id, int Rating, string Title, string Body, string AuthorName, DateTimeOffset CreatedAt, bool Edited, int HelpfulCount);

public sealed record ReviewPage(RatingSummary Summary, IReadOnlyList<PublicReview> Items, int Total, int Page, int PageSize, string Sort)
{
    public int PageCount => Total == 0 ? 0 : (Total + PageSize - 1) / PageSize;
}

/// <summary>A product's approved reviews, paged and sorted, with its rating summary (both indexed reads of one product).</summary>
public sealed class ReviewListing(ShopDbContext db)
{
    public async Task<ReviewPage> ListAsync(Guid productId, ReviewQuery query, CancellationToken cancellationToken = default)
    {
        var sort = query.Sort ?? ReviewSort.Newest;
        var page = query.Page ?? 1;
        var pageSize = query.PageSize ?? 10;
        var approved = db.Set<Review>().AsNoTracking().Where(r => r.ProductId == productId && r.Status == ReviewStatus.Approved);
        var ordered = sort switch
        {
            ReviewSort.MostHelpful => approved.OrderByDescending(r => r.HelpfulCount).ThenByDescending(r => r.CreatedAt),
            ReviewSort.Highest => approved.OrderByDescending(r => r.Rating).ThenByDescending(r => r.CreatedAt),
            ReviewSort.Lowest => approved.OrderBy(r => r.Rating).ThenByDescending(r => r.CreatedAt),
            _ => approved.OrderByDescending(r => r.CreatedAt),
        };
        var items = await ordered.ThenBy(r => r.Id).Skip((page - 1) * pageSize).Take(pageSize)
            .Select(r => new PublicReview(r.Id, r.Rating, r.Title, r.Body, r.AuthorName, r.CreatedAt, r.UpdatedAt > r.CreatedAt, r.HelpfulCount))
            .ToListAsync(cancellationToken);
        var summary = await SummaryAsync(productId, cancellationToken);
        return new ReviewPage(summary, items, summary.ReviewCount, page, pageSize, sort);
    }

    public async Task<RatingSummary> SummaryAsync(Guid productId, CancellationToken cancellationToken = default)
    {
        var tally = await db.Set<ProductRating>().AsNoTracking().SingleOrDefaultAsync(r => r.ProductId == productId, cancellationToken)
            ?? new ProductRating { ProductId = productId };
        return new RatingSummary(RatingTally.Average(tally.RatingTotal, tally.ReviewCount), tally.ReviewCount,
            [new(5, tally.FiveStars), new(4, tally.FourStars), new(3, tally.ThreeStars), new(2, tally.TwoStars), new(1, tally.OneStar)]);
    }
}

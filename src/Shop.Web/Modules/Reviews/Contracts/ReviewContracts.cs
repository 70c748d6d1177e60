namespace Shop.Web.Modules.Reviews.Contracts;

/// <summary>A seller's rating: the average of the approved reviews of all their products.</summary>
public sealed record SellerRating(decimal Average, int ReviewCount);

public interface ISellerRatings
{
    Task<SellerRating> ForSellerAsync(Guid sellerId, CancellationToken cancellationToken = default);
}

public sealed record ReviewToModerate(Guid ReviewId, int Rating, string Title, string AuthorName, DateTimeOffset WrittenAt);

public interface IReviewQueue
{
    /// <summary>Reviews waiting for a moderator, oldest first.</summary>
    Task<IReadOnlyList<ReviewToModerate>> PendingAsync(int limit, CancellationToken cancellationToken = default);
}

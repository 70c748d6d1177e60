using Shop.Web.Platform.Errors;

namespace Shop.Web.Modules.Reviews.Data;

public enum ReviewStatus
{
    Pending,
    Approved,
    Rejected,
}

/// <summary>
/// A customer's rating and words on a product they received. Only approved reviews are shown and
/// counted; any edit sends the review back to moderation. Text is kept exactly as typed.
/// </summary>
public sealed class Review
{
    private Review()
    {
    }

    public Guid Id { get; private set; }
    public Guid ProductId { get; private set; }
    public Guid SellerId { get; private set; }
    public Guid CustomerId { get; private set; }
    public string AuthorName { get; private set; } = "";
    public short Rating { get; private set; }
    public string Title { get; private set; } = "";
    public string Body { get; private set; } = "";
    public ReviewStatus Status { get; private set; }
    public string? RejectionReason { get; private set; }
    public int HelpfulCount { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public DateTimeOffset? ModeratedAt { get; private set; }
    public Guid? ModeratedBy { get; private set; }

    public static Review Write(Guid productId, Guid sellerId, Guid customerId, string authorName, int rating, string title, string body, DateTimeOffset now)
    {
        var review = new Review
        {
            Id = Guid.CreateVersion7(now),
            ProductId = productId,
            SellerId = sellerId,
            CustomerId = customerId,
            CreatedAt = now,
        };
        review.Edit(authorName, rating, title, body, now);
        return review;
    }

    /// <summary>"Asha R.": first name and initial, so a review does not publish a full name.</summary>
    public static string AuthorNameOf(string fullName)
    {
        var parts = fullName.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var shown = parts.Length switch
        {
            0 => "A customer",
            1 => parts[0],
            _ => $"{parts[0]} {char.ToUpperInvariant(parts[^1][0])}.",
        };
        return shown.Length > 100 ? shown[..100] : shown;
    }

    /// <summary>New words or stars go back to the moderators; until approved again the review is not shown.</summary>
    public void Edit(string authorName, int rating, string title, string body, DateTimeOffset now)
    {
        AuthorName = authorName;
        Rating = (short)rating;
        Title = title.Trim();
        Body = body.Trim();
        Status = ReviewStatus.Pending;
        RejectionReason = null;
        ModeratedAt = null;
        ModeratedBy = null;
        UpdatedAt = now;
    }

    public void Approve(Guid moderatorId, DateTimeOffset now)
    {
        if (Status == ReviewStatus.Approved)
            throw new ConflictException("review_already_approved", "This review is already approved.");
        (Status, RejectionReason, ModeratedAt, ModeratedBy) = (ReviewStatus.Approved, null, now, moderatorId);
    }

    public void Reject(Guid moderatorId, string reason, DateTimeOffset now)
    {
        if (Status == ReviewStatus.Rejected)
            throw new ConflictException("review_already_rejected", "This review is already rejected.");
        (Status, RejectionReason, ModeratedAt, ModeratedBy) = (ReviewStatus.Rejected, reason.Trim(), now, moderatorId);
    }
}

/// <summary>One person found one review helpful; the key makes a second vote a no-op.</summary>
public sealed class HelpfulVote
{
    public Guid ReviewId { get; set; }
    public Guid UserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A product's approved ratings: count, total and how many of each star, for its average and histogram.</summary>
public sealed class ProductRating
{
    public Guid ProductId { get; set; }
    public Guid SellerId { get; set; }
    public int ReviewCount { get; set; }
    public int RatingTotal { get; set; }
    public int OneStar { get; set; }
    public int TwoStars { get; set; }
    public int ThreeStars { get; set; }
    public int FourStars { get; set; }
    public int FiveStars { get; set; }
}

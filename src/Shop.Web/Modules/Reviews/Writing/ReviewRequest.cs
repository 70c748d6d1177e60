using System.ComponentModel.DataAnnotations;
using Shop.Web.Modules.Reviews.Data;

namespace Shop.Web.Modules.Reviews.Writing;

/// <summary>What a customer writes about a product: 1-5 stars, a title and their words.</summary>
public sealed class ReviewRequest
{
    [Required(ErrorMessage = "Choose from 1 to 5 stars.")]
    [Range(1, 5, ErrorMessage = "Choose from 1 to 5 stars.")]
    public int? Rating { get; set; }

    [Required(ErrorMessage = "Give your review a title.")]
    [StringLength(120, MinimumLength = 3, ErrorMessage = "Use 3 to 120 characters for the title.")]
    public string Title { get; set; } = "";

    [Required(ErrorMessage = "Tell other shoppers what you think.")]
    [StringLength(4000, MinimumLength = 10, ErrorMessage = "Use 10 to 4,000 characters for your review.")]
    public string Body { get; set; } = "";
}

/// <summary>A review as its author sees it: with its moderation status and, if rejected, why.</summary>
public sealed record MyReview(Guid Id, Guid ProductId, int Rating, string Title, string Body, ReviewStatus Status, string? RejectionReason,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    internal static MyReview Of(Review r) => new(r.Id, r.ProductId, r.Rating, r.Title, r.Body, r.Status, r.RejectionReason, r.CreatedAt, r.UpdatedAt);
}

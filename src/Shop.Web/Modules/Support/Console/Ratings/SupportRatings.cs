using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Shop.Web.Modules.Support.Conversations;
using Shop.Web.Modules.Support.Data;
using Shop.Web.Platform.Database;

namespace Shop.Web.Modules.Support.Console.Ratings;

/// <summary>How the customer rates the help: 1 to 5 stars and, if they like, a few words.</summary>
public sealed class RatingRequest
{
    [Required(ErrorMessage = "Choose 1 to 5 stars.")]
    [Range(1, 5, ErrorMessage = "Choose 1 to 5 stars.")]
    public int? Score { get; set; }

    [StringLength(ConversationRating.MaxCommentLength, ErrorMessage = "Use at most 1,000 characters for your comment.")]
    public string? Comment { get; set; }
}

public sealed record RatingView(Guid ConversationId, int Score, string? Comment, DateTimeOffset RatedAt);

/// <summary>
/// The customer's rating of a resolved conversation, reached as the conversation is (their account or a
/// guest's signed link). One per resolution: rating again before it is reopened replaces the first.
/// </summary>
public sealed class SupportRatings(ShopDbContext db, SupportDesk desk, TimeProvider clock)
{
    public async Task<RatingView?> RateAsync(Guid id, SupportViewer viewer, RatingRequest request, CancellationToken cancellationToken = default)
    {
        if (await desk.FindAsync(id, viewer, cancellationToken) is null)
            return null;
        var conversation = await db.Set<Conversation>().SingleAsync(c => c.Id == id, cancellationToken);
        var resolution = await LatestResolutionAsync(id, cancellationToken);
        var now = clock.GetUtcNow();
        var score = request.Score ?? 0;
        var rating = resolution is null ? null
            : await db.Set<ConversationRating>().SingleOrDefaultAsync(r => r.ConversationId == id && r.ResolutionMessageId == resolution, cancellationToken);
        if (rating is null || conversation.Status != ConversationStatus.Resolved)
            db.Add(rating = ConversationRating.For(conversation, resolution ?? 0, score, request.Comment, now));
        else
            rating.Change(score, request.Comment, now);
        await db.SaveChangesAsync(cancellationToken);
        return new RatingView(id, rating.Score, rating.Comment, rating.RatedAt);
    }

    /// <summary>The rating of the conversation's current resolution, when it is resolved and rated; null otherwise.</summary>
    public async Task<RatingView?> CurrentAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var resolution = await LatestResolutionAsync(id, cancellationToken);
        return resolution is null ? null
            : await db.Set<ConversationRating>().AsNoTracking().Where(r => r.ConversationId == id && r.ResolutionMessageId == resolution)
                .Select(r => new RatingView(id, r.Score, r.Comment, r.RatedAt)).SingleOrDefaultAsync(cancellationToken);
    }

    // Resolve() writes a system message "Resolved"; the latest one is the resolution being rated.
    private Task<long?> LatestResolutionAsync(Guid id, CancellationToken cancellationToken) =>
        db.Set<SupportMessage>().Where(m => m.ConversationId == id && m.AuthorKind == AuthorKind.System && m.Body == "Resolved")
            .MaxAsync(m => (long?)m.Id, cancellationToken);
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shop.Web.Modules.Support.Data;
using Shop.Web.Platform.Errors;

namespace Shop.Web.Modules.Support.Console.Ratings;

/// <summary>
/// How the customer rated the help after a resolution: 1 to 5 and an optional comment. One rating per
/// resolution (the "Resolved" event that ended it); rating again replaces it. The agent it counts for is
/// whoever had the conversation when it was resolved.
/// </summary>
public sealed class ConversationRating
{
    public const int MaxCommentLength = 1000;

    private ConversationRating()
    {
    }

    public Guid ConversationId { get; private set; }
    public long ResolutionMessageId { get; private set; }
    public Guid? AgentId { get; private set; }
    public int Score { get; private set; }
    public string? Comment { get; private set; }
    public DateTimeOffset RatedAt { get; private set; }

    /// <summary>A rating for the conversation's latest resolution; refused unless it is resolved now.</summary>
    public static ConversationRating For(Conversation conversation, long resolutionMessageId, int score, string? comment, DateTimeOffset now)
    {
        if (conversation.Status != ConversationStatus.Resolved)
            throw new ConflictException("support.rating_not_resolved", "You can rate the help once the conversation is resolved.");
        var rating = new ConversationRating { ConversationId = conversation.Id, ResolutionMessageId = resolutionMessageId, AgentId = conversation.AssigneeId };
        rating.Change(score, comment, now);
        return rating;
    }

    public void Change(int score, string? comment, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        if (score is < 1 or > 5)
            errors["Score"] = ["Choose 1 to 5 stars."];
        if (comment?.Trim().Length > MaxCommentLength)
            errors["Comment"] = ["Use at most 1,000 characters for your comment."];
        if (errors.Count > 0)
            throw new InputValidationException(errors);
        (Score, Comment, RatedAt) = (score, string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(), now);
    }
}

internal sealed class ConversationRatingConfiguration : IEntityTypeConfiguration<ConversationRating>
{
    public void Configure(EntityTypeBuilder<ConversationRating> builder)
    {
        builder.ToTable("ratings", "support", table => table.HasCheckConstraint("ck_ratings_score", "score BETWEEN 1 AND 5"));
        builder.HasKey(r => new { r.ConversationId, r.ResolutionMessageId });
        builder.Property(r => r.Comment).HasMaxLength(ConversationRating.MaxCommentLength);
        builder.HasOne<Conversation>().WithMany().HasForeignKey(r => r.ConversationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.AgentId, r.RatedAt });
    }
}

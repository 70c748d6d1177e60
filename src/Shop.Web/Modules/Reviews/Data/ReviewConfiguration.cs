using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shop.Web.Platform.Database;

namespace Shop.Web.Modules.Reviews.Data;

internal sealed class ReviewConfiguration : IEntityTypeConfiguration<Review>
{
    public void Configure(EntityTypeBuilder<Review> builder)
    {
        builder.ToTable("reviews", "reviews", table => table.HasCheckConstraint("ck_reviews_rating", "rating BETWEEN 1 AND 5"));
        builder.HasKey(r => r.Id);
        builder.Property(r => r.AuthorName).HasMaxLength(100);
        builder.Property(r => r.Title).HasMaxLength(120);
        builder.Property(r => r.Body).HasMaxLength(4000);
        builder.Property(r => r.Status).IsLowercaseName();
        builder.Property(r => r.RejectionReason).HasMaxLength(500);
        builder.HasIndex(r => new { r.ProductId, r.CustomerId }).IsUnique();
        builder.HasIndex(r => new { r.ProductId, r.CreatedAt }).HasDatabaseName("ix_reviews_approved").HasFilter("status = 'approved'");
        builder.HasIndex(r => new { r.Status, r.UpdatedAt });
        builder.HasIndex(r => r.CustomerId);
    }
}

internal sealed class HelpfulVoteConfiguration : IEntityTypeConfiguration<HelpfulVote>
{
    public void Configure(EntityTypeBuilder<HelpfulVote> builder)
    {
        builder.ToTable("helpful_votes", "reviews");
        builder.HasKey(v => new { v.ReviewId, v.UserId });
        builder.HasOne<Review>().WithMany().HasForeignKey(v => v.ReviewId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ProductRatingConfiguration : IEntityTypeConfiguration<ProductRating>
{
    public void Configure(EntityTypeBuilder<ProductRating> builder)
    {
        builder.ToTable("product_ratings", "reviews");
        builder.HasKey(r => r.ProductId);
        builder.Property(r => r.ProductId).ValueGeneratedNever();
        builder.HasIndex(r => r.SellerId);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shop.Web.Platform.Database;

namespace Shop.Web.Modules.Support.Data;

internal sealed class ConversationConfiguration : IEntityTypeConfiguration<Conversation>
{
    public const string SellerThreadOrderIndex = "ux_conversations_seller_thread_order";
    public const string SellerThreadProductIndex = "ux_conversations_seller_thread_product";

    public void Configure(EntityTypeBuilder<Conversation> builder)
    {
        builder.ToTable("conversations", "support", table => table.HasCheckConstraint("ck_conversations_customer_or_guest",
            "customer_id IS NOT NULL OR (guest_name IS NOT NULL AND guest_email IS NOT NULL)"));
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Channel).IsLowercaseName();
        builder.Property(c => c.Status).IsLowercaseName();
        builder.Property(c => c.Priority).IsLowercaseName();
        builder.Property(c => c.Topic).IsLowercaseName();
        builder.Property(c => c.GuestName).HasMaxLength(100);
        builder.Property(c => c.GuestEmail).HasMaxLength(256);
        builder.HasIndex(c => new { c.CustomerId, c.LastMessageAt });
        builder.HasIndex(c => new { c.Status, c.LastMessageAt });
        builder.HasIndex(c => new { c.Status, c.SnoozedUntil });
        builder.Property(c => c.CustomerPage).HasMaxLength(500);
        builder.Property(c => c.Language).HasMaxLength(10);
        builder.HasIndex(c => new { c.AssigneeId, c.Status });
        builder.HasIndex(c => new { c.SellerId, c.LastMessageAt });
        // One buyer-seller thread per customer, seller and order, or product (V0027).
        builder.HasIndex(c => new { c.CustomerId, c.SellerId, c.OrderId }, SellerThreadOrderIndex).IsUnique()
            .HasFilter("channel = 'orderthread' AND order_id IS NOT NULL");
        builder.HasIndex(c => new { c.CustomerId, c.SellerId, c.ProductId }, SellerThreadProductIndex).IsUnique()
            .HasFilter("channel = 'orderthread' AND order_id IS NULL");
    }
}

internal sealed class SupportMessageConfiguration : IEntityTypeConfiguration<SupportMessage>
{
    public void Configure(EntityTypeBuilder<SupportMessage> builder)
    {
        builder.ToTable("messages", "support");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).UseIdentityAlwaysColumn();
        builder.Property(m => m.AuthorKind).IsLowercaseName();
        builder.Property(m => m.Body).HasMaxLength(4000);
        builder.Ignore(m => m.ShownToCustomer);
        builder.HasOne<Conversation>().WithMany().HasForeignKey(m => m.ConversationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => new { m.ConversationId, m.Id });
        builder.HasIndex(m => new { m.AuthorKind, m.CreatedAt });
        // The agents' search over message text (notes included): ILIKE '%words%' through trigrams.
        builder.HasIndex(m => m.Body, "ix_messages_body_trigram").HasMethod("gin").HasOperators("gin_trgm_ops");
    }
}

internal sealed class ReadPositionConfiguration : IEntityTypeConfiguration<ReadPosition>
{
    public void Configure(EntityTypeBuilder<ReadPosition> builder)
    {
        builder.ToTable("read_positions", "support");
        builder.HasKey(r => new { r.ConversationId, r.ParticipantKey });
        builder.Property(r => r.ParticipantKey).HasMaxLength(64);
        builder.HasOne<Conversation>().WithMany().HasForeignKey(r => r.ConversationId).OnDelete(DeleteBehavior.Cascade);
    }
}

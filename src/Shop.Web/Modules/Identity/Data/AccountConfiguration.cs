using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shop.Web.Platform.Database;

namespace Shop.Web.Modules.Identity.Data;

internal sealed class AddressConfiguration : IEntityTypeConfiguration<Address>
{
    public void Configure(EntityTypeBuilder<Address> builder)
    {
        builder.ToTable("addresses", IdentitySchema.Name);
        builder.HasKey(a => a.Id);
        builder.Property(a => a.FullName).HasMaxLength(100);
        builder.Property(a => a.Phone).HasMaxLength(20);
        builder.Property(a => a.Line1).HasMaxLength(200);
        builder.Property(a => a.Line2).HasMaxLength(200);
        builder.Property(a => a.City).HasMaxLength(100);
        builder.Property(a => a.State).HasMaxLength(100);
        builder.Property(a => a.PostalCode).HasMaxLength(12);
        builder.Property(a => a.Country).HasMaxLength(2);
        builder.HasOne<ShopUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
        // At most one default of each kind per user, even under concurrent edits.
        builder.HasIndex(a => a.UserId, "ix_addresses_user_id");
        builder.HasIndex(a => a.UserId, "ux_addresses_default_shipping").IsUnique().HasFilter("is_default_shipping");
        builder.HasIndex(a => a.UserId, "ux_addresses_default_billing").IsUnique().HasFilter("is_default_billing");
    }
}

internal sealed class RefreshTokenConfiguration : IEntityTypeConfiguration<RefreshToken>
{
    public void Configure(EntityTypeBuilder<RefreshToken> builder)
    {
        builder.ToTable("refresh_tokens", IdentitySchema.Name);
        builder.HasKey(t => t.Id);
        builder.Property(t => t.TokenHash).HasMaxLength(64);
        builder.HasIndex(t => t.TokenHash).IsUnique();
        builder.HasIndex(t => t.FamilyId);
        builder.HasOne<ShopUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SellerApplicationConfiguration : IEntityTypeConfiguration<SellerApplication>
{
    public void Configure(EntityTypeBuilder<SellerApplication> builder)
    {
        builder.ToTable("seller_applications", IdentitySchema.Name);
        builder.HasKey(a => a.Id);
        builder.Property(a => a.ShopName).HasMaxLength(100);
        builder.Property(a => a.Description).HasMaxLength(2000);
        builder.Property(a => a.ContactEmail).HasMaxLength(256);
        builder.Property(a => a.ContactPhone).HasMaxLength(20);
        builder.Property(a => a.RejectionReason).HasMaxLength(500);
        builder.Property(a => a.Status).IsLowercaseName();
        builder.HasOne<ShopUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
        // One open application per user.
        builder.HasIndex(a => a.UserId, "ix_seller_applications_user_id");
        builder.HasIndex(a => a.UserId, "ux_seller_applications_pending").IsUnique().HasFilter("status = 'pending'");
        builder.HasIndex(a => new { a.Status, a.SubmittedAt });
    }
}

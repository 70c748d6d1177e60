using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Shop.Web.Modules.Identity.Data;

internal sealed class ShopUserConfiguration : IEntityTypeConfiguration<ShopUser>
{
    public void Configure(EntityTypeBuilder<ShopUser> builder)
    {
        builder.ToTable("users", IdentitySchema.Name);
        builder.Property(u => u.DisplayName).HasMaxLength(100);
        builder.Property(u => u.Language).HasMaxLength(10);
        // Identity checks uniqueness in code; the index makes it hold under concurrent sign-ups too.
        builder.HasIndex(u => u.NormalizedEmail).HasDatabaseName("email_index").IsUnique();
    }
}

internal sealed class ShopRoleConfiguration : IEntityTypeConfiguration<ShopRole>
{
    public void Configure(EntityTypeBuilder<ShopRole> builder) => builder.ToTable("roles", IdentitySchema.Name);
}

internal sealed class IdentityLinkTablesConfiguration :
    IEntityTypeConfiguration<IdentityUserRole<Guid>>,
    IEntityTypeConfiguration<IdentityUserClaim<Guid>>,
    IEntityTypeConfiguration<IdentityUserLogin<Guid>>,
    IEntityTypeConfiguration<IdentityUserToken<Guid>>,
    IEntityTypeConfiguration<IdentityRoleClaim<Guid>>
{
    public void Configure(EntityTypeBuilder<IdentityUserRole<Guid>> builder) => builder.ToTable("user_roles", IdentitySchema.Name);
    public void Configure(EntityTypeBuilder<IdentityUserClaim<Guid>> builder) => builder.ToTable("user_claims", IdentitySchema.Name);
    public void Configure(EntityTypeBuilder<IdentityUserLogin<Guid>> builder) => builder.ToTable("user_logins", IdentitySchema.Name);
    public void Configure(EntityTypeBuilder<IdentityUserToken<Guid>> builder) => builder.ToTable("user_tokens", IdentitySchema.Name);
    public void Configure(EntityTypeBuilder<IdentityRoleClaim<Guid>> builder) => builder.ToTable("role_claims", IdentitySchema.Name);
}

internal static class IdentitySchema
{
    public const string Name = "identity";
}

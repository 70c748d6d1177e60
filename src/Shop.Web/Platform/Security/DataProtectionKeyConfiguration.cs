using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Shop.Web.Platform.Security;

/// <summary>
/// The shared Data Protection key ring, read and written by the framework's EF Core key store, so
/// cookies, anti-forgery tokens and bearer tokens issued by one instance are readable by every other.
/// </summary>
internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> builder)
    {
        builder.ToTable("data_protection_keys", "platform");
        // The table predates the framework's store, whose entity counts keys in an int.
        builder.Property(k => k.Id).HasConversion<long>().UseIdentityAlwaysColumn();
        builder.Property(k => k.Xml).IsRequired();
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Shop.Web.Platform.Security;

/// <summary>A row of the shared Data Protection key ring (written by <see cref="PostgresXmlRepository"/>).</summary>
public sealed class DataProtectionKey
{
    public long Id { get; private set; }
    public string? FriendlyName { get; private set; }
    public string Xml { get; private set; } = "";
}

internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> builder)
    {
        builder.ToTable("data_protection_keys", "platform");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Id).UseIdentityAlwaysColumn();
    }
}

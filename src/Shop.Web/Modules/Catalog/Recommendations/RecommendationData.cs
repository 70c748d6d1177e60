using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Shop.Web.Modules.Catalog.Recommendations;

/// <summary>A visitor's views of one product: how many and the latest (one row per visitor and product, not per view).</summary>
public sealed class ProductView
{
    /// <summary>"u:{user id}" for a signed-in customer, "v:{visitor id}" for a browser's visitor cookie.</summary>
    public string VisitorKey { get; set; } = "";
    public Guid ProductId { get; set; }
    public int Views { get; set; }
    public DateTimeOffset LastViewedAt { get; set; }
}

/// <summary>How many orders held the product.</summary>
public sealed class ProductOrderCount
{
    public Guid ProductId { get; set; }
    public int Orders { get; set; }
}

/// <summary>How many orders held both products (kept in both directions, so either one's partners are one index range).</summary>
public sealed class ProductPair
{
    public Guid ProductId { get; set; }
    public Guid OtherProductId { get; set; }
    public int OrdersTogether { get; set; }
}

internal sealed class ProductViewConfiguration : IEntityTypeConfiguration<ProductView>
{
    public void Configure(EntityTypeBuilder<ProductView> builder)
    {
        builder.ToTable("product_views", "catalog");
        builder.HasKey(v => new { v.VisitorKey, v.ProductId });
        builder.Property(v => v.VisitorKey).HasMaxLength(40);
        builder.HasIndex(v => new { v.VisitorKey, v.LastViewedAt });
        builder.HasIndex(v => v.LastViewedAt);
    }
}

internal sealed class ProductOrderCountConfiguration : IEntityTypeConfiguration<ProductOrderCount>
{
    public void Configure(EntityTypeBuilder<ProductOrderCount> builder)
    {
        builder.ToTable("product_order_counts", "catalog");
        builder.HasKey(c => c.ProductId);
        builder.Property(c => c.ProductId).ValueGeneratedNever();
    }
}

internal sealed class ProductPairConfiguration : IEntityTypeConfiguration<ProductPair>
{
    public void Configure(EntityTypeBuilder<ProductPair> builder)
    {
        builder.ToTable("product_pairs", "catalog");
        builder.HasKey(p => new { p.ProductId, p.OtherProductId });
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Shop.Web.Modules.Inventory.Data;

/// <summary>The stock of one variant: what is on hand and how much of it orders hold.</summary>
public sealed class StockItem
{
    private StockItem() { }

    public Guid VariantId { get; private set; }
    public Guid ProductId { get; private set; }
    public Guid SellerId { get; private set; }
    public string Sku { get; private set; } = "";
    public int OnHand { get; private set; }
    public int Reserved { get; private set; }
    public int LowStockThreshold { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public int Available => OnHand - Reserved;

    internal static StockItem Create(Guid variantId, Guid productId, Guid sellerId, string sku, int lowStockThreshold, DateTimeOffset now) => new()
    {
        VariantId = variantId, ProductId = productId, SellerId = sellerId, Sku = sku, LowStockThreshold = lowStockThreshold, UpdatedAt = now,
    };
}

/// <summary>One change of stock: who, why, when, before and after.</summary>
public sealed class StockMovement
{
    private StockMovement() { }

    public long Id { get; private set; }
    public Guid VariantId { get; private set; }
    public string Kind { get; private set; } = "";
    public int OnHandBefore { get; private set; }
    public int OnHandAfter { get; private set; }
    public int ReservedBefore { get; private set; }
    public int ReservedAfter { get; private set; }
    public string Reason { get; private set; } = "";
    public string? Reference { get; private set; }
    public Guid? ActorId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
}

internal sealed class StockItemConfiguration : IEntityTypeConfiguration<StockItem>
{
    public void Configure(EntityTypeBuilder<StockItem> builder)
    {
        builder.ToTable("stock_items", "inventory", table => table.HasCheckConstraint("ck_stock_items_quantities", "on_hand >= 0 AND reserved >= 0 AND reserved <= on_hand"));
        builder.HasKey(s => s.VariantId);
        builder.Property(s => s.Sku).HasMaxLength(64);
        builder.Ignore(s => s.Available);
        builder.HasIndex(s => s.ProductId);
        builder.HasIndex(s => s.SellerId);
        // The low-stock lists read only the rows that are low, however many variants the shop has.
        builder.HasIndex(s => s.Sku, "ix_stock_items_low_sku").HasFilter("on_hand - reserved <= low_stock_threshold");
    }
}

internal sealed class StockMovementConfiguration : IEntityTypeConfiguration<StockMovement>
{
    public void Configure(EntityTypeBuilder<StockMovement> builder)
    {
        builder.ToTable("stock_movements", "inventory");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).UseIdentityAlwaysColumn();
        builder.Property(m => m.Kind).HasMaxLength(16);
        builder.Property(m => m.Reason).HasMaxLength(500);
        builder.Property(m => m.Reference).HasMaxLength(100);
        builder.HasIndex(m => new { m.VariantId, m.CreatedAt });
    }
}

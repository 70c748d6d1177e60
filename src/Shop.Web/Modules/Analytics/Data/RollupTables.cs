using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Shop.Web.Modules.Analytics.Data;

// Rollup rows are written with additive upserts in SQL (Rollups/RollupWriter); these types give the EF model their shape.

public sealed class DailySales
{
    public DateOnly Day { get; private set; }
    public int Orders { get; private set; }
    public int OrdersPlaced { get; private set; }
    public decimal Gross { get; private set; }
    public decimal Refunds { get; private set; }
    public int Units { get; private set; }
    public int NewCustomers { get; private set; }
    public int ReturningOrders { get; private set; }
}

public sealed class SellerSales
{
    public DateOnly Day { get; private set; }
    public Guid SellerId { get; private set; }
    public int Orders { get; private set; }
    public decimal Gross { get; private set; }
    public decimal Refunds { get; private set; }
    public int Units { get; private set; }
}

public sealed class ProductSales
{
    public DateOnly Day { get; private set; }
    public Guid SellerId { get; private set; }
    public Guid CategoryId { get; private set; }
    public Guid ProductId { get; private set; }
    public int Orders { get; private set; }
    public decimal Gross { get; private set; }
    public decimal Refunds { get; private set; }
    public int Units { get; private set; }
}

/// <summary>Sales by category and day (a line without a category under the empty id).</summary>
public sealed class CategorySales
{
    public DateOnly Day { get; private set; }
    public Guid CategoryId { get; private set; }
    public decimal Gross { get; private set; }
    public decimal Refunds { get; private set; }
    public int Units { get; private set; }
}

/// <summary>A product's sales in a calendar month (<see cref="Month"/> is its first day): the daily rows added up.</summary>
public sealed class ProductMonthlySales
{
    public DateOnly Month { get; private set; }
    public Guid SellerId { get; private set; }
    public Guid ProductId { get; private set; }
    public int Orders { get; private set; }
    public decimal Gross { get; private set; }
    public decimal Refunds { get; private set; }
    public int Units { get; private set; }
}

public sealed class PaymentMethodSales
{
    public DateOnly Day { get; private set; }
    public string Method { get; private set; } = "";
    public int Orders { get; private set; }
    public decimal Gross { get; private set; }
}

public sealed class StatusCount
{
    public DateOnly Day { get; private set; }
    public string Status { get; private set; } = "";
    public int Orders { get; private set; }
}

/// <summary>What one order has been counted for, so a later event adjusts exactly what changed.</summary>
public sealed class CountedOrder
{
    private CountedOrder() { }

    public CountedOrder(Guid orderId, DateOnly day, string status)
    {
        OrderId = orderId;
        Day = day;
        Status = status;
    }

    public Guid OrderId { get; private set; }
    public DateOnly Day { get; private set; }
    public string Status { get; set; } = "";
    public bool Cancelled { get; set; }
    public bool Returned { get; set; }
    public bool RefundedOffline { get; set; }
}

/// <summary>A customer's first order (the earliest placed, whatever order its events arrived in).</summary>
public sealed class FirstOrder
{
    private FirstOrder() { }

    public FirstOrder(string customerKey, Guid firstOrderId, DateTimeOffset firstPlacedAt)
    {
        CustomerKey = customerKey;
        FirstOrderId = firstOrderId;
        FirstPlacedAt = firstPlacedAt;
    }

    public string CustomerKey { get; private set; } = "";
    public Guid FirstOrderId { get; set; }
    public DateTimeOffset FirstPlacedAt { get; set; }
}

/// <summary>
/// Distinct visitors per funnel step and day (days before V0030 hold counts of steps taken, and orders
/// placed as the last step). Written from <see cref="FunnelVisitor"/> rows as they are first inserted.
/// </summary>
public sealed class FunnelDaily
{
    public DateOnly Day { get; private set; }
    public long ProductViews { get; private set; }
    public long CartAdds { get; private set; }
    public long CheckoutsStarted { get; private set; }
    public long Ordered { get; private set; }
}

/// <summary>A visitor who took a funnel step on a day; kept for the last few days only, to count each once.</summary>
public sealed class FunnelVisitor
{
    public DateOnly Day { get; private set; }
    public string Step { get; private set; } = "";
    public Guid VisitorId { get; private set; }
}

public sealed class SellerViews
{
    public DateOnly Day { get; private set; }
    public Guid SellerId { get; private set; }
    public long Views { get; private set; }
}

public sealed class SearchCount
{
    public DateOnly Day { get; private set; }
    public string Query { get; private set; } = "";
    public int Searches { get; private set; }
    public int ZeroResults { get; private set; }
    public int LastResults { get; private set; }
}

internal sealed class RollupTablesConfiguration :
    IEntityTypeConfiguration<DailySales>, IEntityTypeConfiguration<SellerSales>, IEntityTypeConfiguration<ProductSales>,
    IEntityTypeConfiguration<CategorySales>, IEntityTypeConfiguration<ProductMonthlySales>,
    IEntityTypeConfiguration<PaymentMethodSales>, IEntityTypeConfiguration<StatusCount>, IEntityTypeConfiguration<CountedOrder>,
    IEntityTypeConfiguration<FirstOrder>, IEntityTypeConfiguration<FunnelDaily>, IEntityTypeConfiguration<FunnelVisitor>, IEntityTypeConfiguration<SellerViews>, IEntityTypeConfiguration<SearchCount>
{
    private const string Schema = "analytics";

    public void Configure(EntityTypeBuilder<DailySales> builder)
    {
        builder.ToTable("daily_sales", Schema);
        builder.HasKey(d => d.Day);
        builder.Property(d => d.Gross).HasPrecision(16, 2);
        builder.Property(d => d.Refunds).HasPrecision(16, 2);
    }

    public void Configure(EntityTypeBuilder<SellerSales> builder)
    {
        builder.ToTable("seller_sales", Schema);
        builder.HasKey(s => new { s.Day, s.SellerId });
        builder.Property(s => s.Gross).HasPrecision(16, 2);
        builder.Property(s => s.Refunds).HasPrecision(16, 2);
        builder.HasIndex(s => new { s.SellerId, s.Day });
    }

    public void Configure(EntityTypeBuilder<ProductSales> builder)
    {
        builder.ToTable("product_sales", Schema);
        builder.HasKey(p => new { p.Day, p.SellerId, p.CategoryId, p.ProductId });
        builder.Property(p => p.Gross).HasPrecision(16, 2);
        builder.Property(p => p.Refunds).HasPrecision(16, 2);
        builder.HasIndex(p => new { p.SellerId, p.Day });
    }

    public void Configure(EntityTypeBuilder<CategorySales> builder)
    {
        builder.ToTable("category_sales", Schema);
        builder.HasKey(c => new { c.Day, c.CategoryId });
        builder.Property(c => c.Gross).HasPrecision(16, 2);
        builder.Property(c => c.Refunds).HasPrecision(16, 2);
    }

    public void Configure(EntityTypeBuilder<ProductMonthlySales> builder)
    {
        builder.ToTable("product_sales_monthly", Schema);
        builder.HasKey(p => new { p.Month, p.SellerId, p.ProductId });
        builder.Property(p => p.Gross).HasPrecision(16, 2);
        builder.Property(p => p.Refunds).HasPrecision(16, 2);
        builder.HasIndex(p => new { p.SellerId, p.Month });
    }

    public void Configure(EntityTypeBuilder<PaymentMethodSales> builder)
    {
        builder.ToTable("payment_method_sales", Schema);
        builder.HasKey(p => new { p.Day, p.Method });
        builder.Property(p => p.Method).HasMaxLength(32);
        builder.Property(p => p.Gross).HasPrecision(16, 2);
    }

    public void Configure(EntityTypeBuilder<StatusCount> builder)
    {
        builder.ToTable("status_counts", Schema);
        builder.HasKey(s => new { s.Day, s.Status });
        builder.Property(s => s.Status).HasMaxLength(16);
    }

    public void Configure(EntityTypeBuilder<CountedOrder> builder)
    {
        builder.ToTable("counted_orders", Schema);
        builder.HasKey(o => o.OrderId);
        builder.Property(o => o.OrderId).ValueGeneratedNever();
        builder.Property(o => o.Status).HasMaxLength(16);
    }

    public void Configure(EntityTypeBuilder<FirstOrder> builder)
    {
        builder.ToTable("customers", Schema);
        builder.HasKey(c => c.CustomerKey);
        builder.Property(c => c.CustomerKey).HasMaxLength(330);
    }

    public void Configure(EntityTypeBuilder<FunnelDaily> builder)
    {
        builder.ToTable("funnel_daily", Schema);
        builder.HasKey(f => f.Day);
    }

    public void Configure(EntityTypeBuilder<FunnelVisitor> builder)
    {
        builder.ToTable("funnel_visitors", Schema);
        builder.HasKey(v => new { v.Day, v.Step, v.VisitorId });
        builder.Property(v => v.Step).HasMaxLength(16);
    }

    public void Configure(EntityTypeBuilder<SellerViews> builder)
    {
        builder.ToTable("seller_views", Schema);
        builder.HasKey(v => new { v.Day, v.SellerId });
    }

    public void Configure(EntityTypeBuilder<SearchCount> builder)
    {
        builder.ToTable("searches", Schema);
        builder.HasKey(s => new { s.Day, s.Query });
        builder.Property(s => s.Query).HasMaxLength(200);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shop.Web.Platform.Database;

namespace Shop.Web.Modules.Ordering.Data;

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> builder)
    {
        builder.ToTable("orders", "ordering");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Number).HasMaxLength(20);
        builder.Property(o => o.Email).HasMaxLength(256);
        builder.Property(o => o.CustomerName).HasMaxLength(100);
        builder.Property(o => o.Status).IsLowercaseName();
        builder.Property(o => o.PaymentMethod).HasMaxLength(32);
        builder.Property(o => o.Currency).HasMaxLength(3);
        builder.Property(o => o.Language).HasMaxLength(10);
        foreach (var money in new[] { nameof(Order.Subtotal), nameof(Order.Discount), nameof(Order.Tax), nameof(Order.Shipping), nameof(Order.Total) })
            builder.Property(money).HasPrecision(12, 2);
        builder.Property(o => o.CouponCode).HasMaxLength(40);
        builder.Property(o => o.ShippingMethodCode).HasMaxLength(32);
        builder.Property(o => o.ShippingMethodName).HasMaxLength(100);
        builder.Property(o => o.ShippingAddress).IsJson();
        builder.Property(o => o.BillingAddress).IsJson();
        builder.Property(o => o.IdempotencyScope).HasMaxLength(60);
        builder.Property(o => o.IdempotencyKey).HasMaxLength(100);
        builder.Property(o => o.IdempotencyRequestHash).HasMaxLength(64);
        builder.Ignore(o => o.IsPaid);
        builder.Ignore(o => o.CanBeCancelled);
        builder.Ignore(o => o.DeliveredAt);
        builder.Ignore(o => o.IsReadyToFulfil);
        builder.HasIndex(o => o.Number).IsUnique();
        builder.HasIndex(o => new { o.IdempotencyScope, o.IdempotencyKey }).IsUnique();
        builder.HasIndex(o => new { o.CustomerId, o.PlacedAt });
        builder.HasIndex(o => new { o.Status, o.PlacedAt });
        builder.HasIndex(o => o.Email);
        builder.HasIndex(o => new { o.PlacedAt, o.Id });
        builder.HasIndex(o => o.PlacedAt, "ix_orders_awaiting_fulfilment")
            .HasFilter("status IN ('paid', 'processing') OR (status = 'pendingpayment' AND payment_method = 'cod')");
        builder.HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.OrderId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(o => o.Fulfillments).WithOne().HasForeignKey(f => f.OrderId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(o => o.Events).WithOne().HasForeignKey(e => e.OrderId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(o => o.Lines).HasField("lines").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(o => o.Fulfillments).HasField("fulfillments").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(o => o.Events).HasField("events").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class FulfillmentConfiguration : IEntityTypeConfiguration<Fulfillment>
{
    public void Configure(EntityTypeBuilder<Fulfillment> builder)
    {
        builder.ToTable("fulfillments", "ordering");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Status).IsLowercaseName();
        builder.Property(f => f.Carrier).HasMaxLength(100);
        builder.Property(f => f.TrackingNumber).HasMaxLength(100);
        builder.HasIndex(f => new { f.SellerId, f.Status });
        builder.HasIndex(f => new { f.SellerId, f.OrderId }, "ix_fulfillments_open_seller_id_order_id").HasFilter("status IN ('pending', 'processing')");
    }
}

internal sealed class OrderLineConfiguration : IEntityTypeConfiguration<OrderLine>
{
    public void Configure(EntityTypeBuilder<OrderLine> builder)
    {
        builder.ToTable("order_lines", "ordering");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.ProductTitle).HasMaxLength(200);
        builder.Property(l => l.ProductSlug).HasMaxLength(220);
        builder.Property(l => l.VariantLabel).HasMaxLength(200);
        builder.Property(l => l.Sku).HasMaxLength(64);
        builder.Property(l => l.ImageUrl).HasMaxLength(100);
        foreach (var money in new[] { nameof(OrderLine.UnitPrice), nameof(OrderLine.Subtotal), nameof(OrderLine.Discount), nameof(OrderLine.Tax), nameof(OrderLine.Total) })
            builder.Property(money).HasPrecision(12, 2);
        builder.Property(l => l.TaxPercent).HasPrecision(5, 2);
    }
}

internal sealed class OrderEventConfiguration : IEntityTypeConfiguration<OrderEvent>
{
    public void Configure(EntityTypeBuilder<OrderEvent> builder)
    {
        builder.ToTable("order_events", "ordering");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).UseIdentityAlwaysColumn();
        builder.Property(e => e.Kind).HasMaxLength(24);
        builder.Property(e => e.Message).HasMaxLength(1000);
    }
}

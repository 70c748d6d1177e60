using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Shop.Web.Modules.Pricing.Data;

/// <summary>A way to ship (standard, express): a base rate plus a rate per started kilogram, free above a threshold.</summary>
public sealed class ShippingMethod
{
    private readonly List<ShippingRate> rates = [];

    private ShippingMethod() { }

    public ShippingMethod(string code, string name)
    {
        Id = Guid.CreateVersion7();
        Code = code;
        Name = name;
    }

    public Guid Id { get; private set; }
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string? DeliveryEstimate { get; set; }
    public decimal BaseRate { get; set; }
    public decimal PerKgRate { get; set; }
    public decimal? FreeOver { get; set; }
    public bool IsActive { get; set; } = true;
    public int SortOrder { get; set; }
    public List<ShippingRate> Rates => rates;

    /// <summary>
    /// What shipping costs to a destination: the rate of the longest matching postal prefix, else of
    /// the state, else the method's own; nothing once the order value reaches the free-shipping threshold.
    /// </summary>
    public decimal CostTo(string? state, string? postalCode, long weightGrams, decimal orderValue)
    {
        if (FreeOver is { } threshold && orderValue >= threshold)
            return 0m;
        var postal = (postalCode ?? "").Replace(" ", "");
        var rate = rates.Where(r => r.PostalPrefix is { Length: > 0 } prefix && postal.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                       .OrderByDescending(r => r.PostalPrefix!.Length).FirstOrDefault()
                   ?? rates.FirstOrDefault(r => r.PostalPrefix is null && string.Equals(r.State, state?.Trim(), StringComparison.OrdinalIgnoreCase));
        var kilograms = Math.Ceiling(weightGrams / 1000m);
        return (rate?.BaseRate ?? BaseRate) + kilograms * (rate?.PerKgRate ?? PerKgRate);
    }
}

public sealed class ShippingRate
{
    private ShippingRate() { }

    public ShippingRate(string? state, string? postalPrefix, decimal baseRate, decimal perKgRate)
    {
        Id = Guid.CreateVersion7();
        State = state;
        PostalPrefix = postalPrefix;
        BaseRate = baseRate;
        PerKgRate = perKgRate;
    }

    public Guid Id { get; private set; }
    public Guid MethodId { get; private set; }
    public string? State { get; private set; }
    public string? PostalPrefix { get; private set; }
    public decimal BaseRate { get; private set; }
    public decimal PerKgRate { get; private set; }
}

internal sealed class ShippingMethodConfiguration : IEntityTypeConfiguration<ShippingMethod>
{
    public void Configure(EntityTypeBuilder<ShippingMethod> builder)
    {
        builder.ToTable("shipping_methods", "pricing");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Code).HasMaxLength(32);
        builder.Property(m => m.Name).HasMaxLength(100);
        builder.Property(m => m.DeliveryEstimate).HasMaxLength(100);
        builder.Property(m => m.BaseRate).HasPrecision(12, 2);
        builder.Property(m => m.PerKgRate).HasPrecision(12, 2);
        builder.Property(m => m.FreeOver).HasPrecision(12, 2);
        builder.HasIndex(m => m.Code).IsUnique();
        builder.HasMany(m => m.Rates).WithOne().HasForeignKey(r => r.MethodId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(m => m.Rates).HasField("rates");
    }
}

internal sealed class ShippingRateConfiguration : IEntityTypeConfiguration<ShippingRate>
{
    public void Configure(EntityTypeBuilder<ShippingRate> builder)
    {
        builder.ToTable("shipping_rates", "pricing");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.State).HasMaxLength(100);
        builder.Property(r => r.PostalPrefix).HasMaxLength(10);
        builder.Property(r => r.BaseRate).HasPrecision(12, 2);
        builder.Property(r => r.PerKgRate).HasPrecision(12, 2);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Shop.Web.Modules.Pricing.Data;

/// <summary>A tax rate (e.g. GST 12 %) for a category and its subcategories, a state, both, or everything.</summary>
public sealed class TaxRate
{
    private TaxRate() { }

    public TaxRate(string name, decimal percent, Guid? categoryId, string? state)
    {
        Id = Guid.CreateVersion7();
        Name = name;
        Percent = percent;
        CategoryId = categoryId;
        State = state;
    }

    public Guid Id { get; private set; }
    public string Name { get; set; } = "";
    public decimal Percent { get; set; }
    public Guid? CategoryId { get; set; }
    public string? State { get; set; }

    /// <summary>
    /// The rate for a product in <paramref name="categoryPath"/> (root first) shipped to <paramref name="state"/>:
    /// the deepest matching category wins, then a state-specific rate over a general one; none matching is 0 %.
    /// </summary>
    public static TaxRate? For(IEnumerable<TaxRate> rates, IReadOnlyList<Guid> categoryPath, string? state) =>
        rates.Select(r => (Rate: r,
                Depth: r.CategoryId is null ? 0 : IndexOf(categoryPath, r.CategoryId.Value) + 1,
                StateMatch: r.State is null ? 0 : string.Equals(r.State, state?.Trim(), StringComparison.OrdinalIgnoreCase) ? 1 : -1))
            .Where(m => m.Depth >= 0 && m.StateMatch >= 0 && (m.Rate.CategoryId is null || m.Depth > 0))
            .OrderByDescending(m => m.Depth).ThenByDescending(m => m.StateMatch)
            .Select(m => m.Rate).FirstOrDefault();

    private static int IndexOf(IReadOnlyList<Guid> path, Guid id)
    {
        for (var i = 0; i < path.Count; i++)
            if (path[i] == id)
                return i;
        return -1;
    }
}

internal sealed class TaxRateConfiguration : IEntityTypeConfiguration<TaxRate>
{
    public void Configure(EntityTypeBuilder<TaxRate> builder)
    {
        builder.ToTable("tax_rates", "pricing");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Name).HasMaxLength(100);
        builder.Property(r => r.Percent).HasPrecision(5, 2);
        builder.Property(r => r.State).HasMaxLength(100);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shop.Web.Platform.Database;

namespace Shop.Web.Modules.Ledger.Data;

public enum EntryKind
{
    Sale,
    Commission,
    Refund,
    Payout,
}

/// <summary>
/// One posting to a seller's account: sales and commission reversals add, commission, refunds and
/// payouts take away. Entries are only ever added (a trigger refuses changes), and the source names
/// the business fact so it posts once.
/// </summary>
public sealed class LedgerEntry
{
    private LedgerEntry() { }

    public LedgerEntry(Guid sellerId, Guid? orderId, EntryKind kind, decimal amount, string currency, string description, string source, DateTimeOffset at)
    {
        SellerId = sellerId;
        OrderId = orderId;
        Kind = kind;
        Amount = amount;
        Currency = currency;
        Description = description.Length > 300 ? description[..300] : description;
        Source = source;
        CreatedAt = at;
    }

    public long Id { get; private set; }
    public Guid SellerId { get; private set; }
    public Guid? OrderId { get; private set; }
    public EntryKind Kind { get; private set; }
    public decimal Amount { get; private set; }
    public string Currency { get; private set; } = "";
    public string Description { get; private set; } = "";
    public string Source { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
}

/// <summary>A seller's entries of one kind added up; kept by a trigger on <c>ledger.entries</c> (V0032), read only.</summary>
public sealed class SellerTotal
{
    private SellerTotal() { }

    public Guid SellerId { get; private set; }
    public EntryKind Kind { get; private set; }
    public decimal Total { get; private set; }
}

/// <summary>A commission percentage: for one seller, one category, both, or (neither) the default.</summary>
public sealed class CommissionRule
{
    private CommissionRule() { }

    public CommissionRule(Guid? sellerId, Guid? categoryId, decimal percent, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7(now);
        SellerId = sellerId;
        CategoryId = categoryId;
        Percent = percent;
        UpdatedAt = now;
    }

    public Guid Id { get; private set; }
    public Guid? SellerId { get; private set; }
    public Guid? CategoryId { get; private set; }
    public decimal Percent { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The most specific rule for a line: seller and category, then category, then seller, then the default.</summary>
    public static decimal PercentFor(IReadOnlyList<CommissionRule> rules, Guid sellerId, Guid? categoryId, decimal fallback) =>
        (rules.FirstOrDefault(r => r.SellerId == sellerId && r.CategoryId == categoryId && categoryId != null)
         ?? rules.FirstOrDefault(r => r.SellerId == null && r.CategoryId == categoryId && categoryId != null)
         ?? rules.FirstOrDefault(r => r.SellerId == sellerId && r.CategoryId == null)
         ?? rules.FirstOrDefault(r => r.SellerId == null && r.CategoryId == null))?.Percent ?? fallback;
}

internal sealed class LedgerEntryConfiguration : IEntityTypeConfiguration<LedgerEntry>
{
    public void Configure(EntityTypeBuilder<LedgerEntry> builder)
    {
        builder.ToTable("entries", "ledger");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).UseIdentityAlwaysColumn();
        builder.Property(e => e.Kind).IsLowercaseName();
        builder.Property(e => e.Amount).HasPrecision(12, 2);
        builder.Property(e => e.Currency).HasMaxLength(3);
        builder.Property(e => e.Description).HasMaxLength(300);
        builder.Property(e => e.Source).HasMaxLength(120);
        builder.HasIndex(e => e.Source).IsUnique();
        builder.HasIndex(e => new { e.SellerId, e.Id });
        builder.HasIndex(e => e.OrderId);
        builder.HasIndex(e => new { e.SellerId, e.Id }, "ix_entries_payouts").HasFilter("kind = 'payout'");
    }
}

internal sealed class SellerTotalConfiguration : IEntityTypeConfiguration<SellerTotal>
{
    public void Configure(EntityTypeBuilder<SellerTotal> builder)
    {
        builder.ToTable("seller_totals", "ledger");
        builder.HasKey(t => new { t.SellerId, t.Kind });
        builder.Property(t => t.Kind).IsLowercaseName();
        builder.Property(t => t.Total).HasPrecision(16, 2);
    }
}

internal sealed class CommissionRuleConfiguration : IEntityTypeConfiguration<CommissionRule>
{
    public void Configure(EntityTypeBuilder<CommissionRule> builder)
    {
        builder.ToTable("commission_rules", "ledger");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Percent).HasPrecision(5, 2);
        builder.HasIndex(r => new { r.SellerId, r.CategoryId }).IsUnique().AreNullsDistinct(false);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Shop.Web.Modules.Currencies.Data;

/// <summary>A currency prices may be shown in, at the rate an admin set (and when and by whom it was set).</summary>
public sealed class CurrencyRate
{
    private CurrencyRate() { }

    public CurrencyRate(string code, decimal rate, bool isEnabled, bool chargeInCurrency, Guid? setBy, DateTimeOffset now)
    {
        Code = code;
        Set(rate, isEnabled, chargeInCurrency, setBy, now);
    }

    public string Code { get; private set; } = "";

    /// <summary>How much of the shop's currency one unit of this currency is worth.</summary>
    public decimal Rate { get; private set; }

    public bool IsEnabled { get; private set; }
    public bool ChargeInCurrency { get; private set; }
    public DateTimeOffset RateSetAt { get; private set; }
    /// <summary>The admin who set the rate; null when the shop's setup did.</summary>
    public Guid? RateSetBy { get; private set; }

    /// <summary>Changes the settings; the rate's time and author change only when the rate does.</summary>
    public void Set(decimal rate, bool isEnabled, bool chargeInCurrency, Guid? setBy, DateTimeOffset now)
    {
        if (rate != Rate)
        {
            Rate = rate;
            RateSetAt = now;
            RateSetBy = setBy;
        }
        IsEnabled = isEnabled;
        ChargeInCurrency = chargeInCurrency;
    }
}

/// <summary>A signed-in shopper's display currency (written with one upsert, so only read as an entity).</summary>
public sealed class ShopperCurrencyChoice
{
    private ShopperCurrencyChoice() { }

    public Guid UserId { get; private set; }
    public string Currency { get; private set; } = "";
    public DateTimeOffset UpdatedAt { get; private set; }
}

internal sealed class CurrencyRateConfiguration : IEntityTypeConfiguration<CurrencyRate>
{
    public void Configure(EntityTypeBuilder<CurrencyRate> builder)
    {
        builder.ToTable("display_currencies", "currencies", table => table.HasCheckConstraint("ck_display_currencies_rate", "rate > 0"));
        builder.HasKey(c => c.Code);
        builder.Property(c => c.Code).HasMaxLength(3);
        builder.Property(c => c.Rate).HasPrecision(18, 6);
    }
}

internal sealed class ShopperCurrencyChoiceConfiguration : IEntityTypeConfiguration<ShopperCurrencyChoice>
{
    public void Configure(EntityTypeBuilder<ShopperCurrencyChoice> builder)
    {
        builder.ToTable("shopper_currencies", "currencies");
        builder.HasKey(c => c.UserId);
        builder.Property(c => c.UserId).ValueGeneratedNever();
        builder.Property(c => c.Currency).HasMaxLength(3);
    }
}

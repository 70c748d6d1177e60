using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shop.Web.Modules.Currencies.Contracts;
using Shop.Web.Platform.Database;

namespace Shop.Web.Modules.Payments.Data;

public enum PaymentStatus
{
    Pending,
    Succeeded,
    Failed,
    Cancelled,
    Refunded,
    PartiallyRefunded,
}

/// <summary>
/// One attempt to collect an order's amount through one provider. A settled attempt stays settled:
/// a late "failed" after "succeeded" (events out of order) changes nothing.
/// </summary>
public sealed class Payment
{
    private Payment() { }

    public Guid Id { get; private set; }
    public Guid OrderId { get; private set; }
    public string Provider { get; private set; } = "";
    public decimal Amount { get; private set; }
    public string Currency { get; private set; } = "";
    public PaymentStatus Status { get; private set; }
    public string? ProviderReference { get; private set; }
    public string? FailureReason { get; private set; }
    public decimal RefundedAmount { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>The currency the provider charges in, when not the shop's; amounts above stay in the shop's currency.</summary>
    public string? ChargedCurrency { get; private set; }

    /// <summary>What the provider charges, in <see cref="ChargedCurrency"/>.</summary>
    public decimal? ChargedAmount { get; private set; }

    /// <summary>The shop's currency per unit of <see cref="ChargedCurrency"/> the amount was converted at; refunds use it too.</summary>
    public decimal? ChargedRate { get; private set; }

    /// <summary>The currency the provider is asked for and reports in.</summary>
    public string ProviderCurrency => ChargedCurrency ?? Currency;

    /// <summary>The whole amount in <see cref="ProviderCurrency"/>.</summary>
    public decimal ProviderAmount => ChargedAmount ?? Amount;

    private int ProviderMinorUnits => IsoCurrencies.Find(ProviderCurrency)?.MinorUnits ?? 2;

    public static Payment Start(Guid orderId, string provider, decimal amount, string currency, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now), OrderId = orderId, Provider = provider, Amount = amount, Currency = currency,
        Status = PaymentStatus.Pending, CreatedAt = now, UpdatedAt = now,
    };

    /// <summary>Charges the payment in another currency, converted at the recorded rate.</summary>
    public void ChargeIn(CurrencyCharge charge)
    {
        ChargedCurrency = charge.Currency;
        ChargedAmount = charge.Amount;
        ChargedRate = charge.Rate;
    }

    /// <summary>
    /// An amount of the shop's currency, in <see cref="ProviderCurrency"/> at the recorded rate; the whole amount is
    /// exactly what was charged, so successive refunds (differences of these) add up to the charge.
    /// </summary>
    public decimal InProviderCurrency(decimal amount) =>
        ChargedRate is not { } rate ? amount
        : amount == Amount ? ChargedAmount!.Value
        : Math.Round(amount / rate, ProviderMinorUnits, MidpointRounding.AwayFromZero);

    /// <summary>What a refund of <paramref name="amount"/> (shop's currency) returns in <see cref="ProviderCurrency"/>.</summary>
    public decimal ProviderRefund(decimal amount) => InProviderCurrency(RefundedAmount + amount) - InProviderCurrency(RefundedAmount);

    /// <summary>An amount the provider reports (refunded so far, in its currency), in the shop's currency at the recorded rate.</summary>
    public decimal FromProviderCurrency(decimal amount) =>
        ChargedRate is not { } rate ? amount
        : amount == ChargedAmount ? Amount
        : amount == InProviderCurrency(RefundedAmount) ? RefundedAmount
        : Math.Min(Amount, Math.Round(amount * rate, 2, MidpointRounding.AwayFromZero));

    public void Reference(string providerReference) => ProviderReference = providerReference;

    /// <summary>
    /// Records success; false when it was already recorded (nothing changes). Money that arrives for a
    /// declined or cancelled attempt still counts: the order then decides what to do with it.
    /// </summary>
    public bool Succeed(string? providerReference, DateTimeOffset now)
    {
        if (Status is not (PaymentStatus.Pending or PaymentStatus.Failed or PaymentStatus.Cancelled))
            return false;
        Status = PaymentStatus.Succeeded;
        ProviderReference = providerReference ?? ProviderReference;
        FailureReason = null;
        UpdatedAt = now;
        return true;
    }

    public decimal Refundable => Status is PaymentStatus.Succeeded or PaymentStatus.PartiallyRefunded ? Amount - RefundedAmount : 0m;

    /// <summary>Returns part or all of what was paid; never more than is left.</summary>
    public void Refund(decimal amount, Func<decimal, string> showMoney, DateTimeOffset now)
    {
        if (amount <= 0)
            throw new Platform.Errors.InputValidationException("Amount", "Refund a positive amount.");
        if (amount > Refundable)
            throw new Platform.Errors.ConflictException("refund.exceeds_paid", $"At most {showMoney(Refundable)} can still be refunded.");
        RefundedAmount += amount;
        Status = RefundedAmount == Amount ? PaymentStatus.Refunded : PaymentStatus.PartiallyRefunded;
        UpdatedAt = now;
    }

    /// <summary>The order went away (cancelled or expired) while this attempt was open.</summary>
    public void Cancel(DateTimeOffset now)
    {
        if (Status != PaymentStatus.Pending)
            return;
        Status = PaymentStatus.Cancelled;
        UpdatedAt = now;
    }

    /// <summary>Records a decline; false when the attempt had already settled.</summary>
    public bool Fail(string reason, DateTimeOffset now)
    {
        if (Status != PaymentStatus.Pending)
            return false;
        Status = PaymentStatus.Failed;
        FailureReason = reason.Length > 500 ? reason[..500] : reason;
        UpdatedAt = now;
        return true;
    }
}

/// <summary>An event a provider sent, kept as received; the (provider, event id) pair is unique.</summary>
public sealed class PaymentEvent
{
    private PaymentEvent() { }

    public PaymentEvent(string provider, string eventId, Guid? paymentId, string type, string payload, string outcome, DateTimeOffset receivedAt)
    {
        Provider = provider;
        EventId = eventId;
        PaymentId = paymentId;
        Type = type;
        Payload = payload;
        Outcome = outcome;
        ReceivedAt = receivedAt;
    }

    public long Id { get; private set; }
    public string Provider { get; private set; } = "";
    public string EventId { get; private set; } = "";
    public Guid? PaymentId { get; private set; }
    public string Type { get; private set; } = "";
    public string Payload { get; private set; } = "";
    public string Outcome { get; private set; } = "";
    public DateTimeOffset ReceivedAt { get; private set; }
}

/// <summary>One refund of a payment, when it was issued (a payment may be refunded several times).</summary>
public sealed class PaymentRefund
{
    private PaymentRefund() { }

    public PaymentRefund(Guid paymentId, Guid orderId, decimal amount, DateTimeOffset refundedAt)
    {
        Id = Guid.CreateVersion7(refundedAt);
        PaymentId = paymentId;
        OrderId = orderId;
        Amount = amount;
        RefundedAt = refundedAt;
    }

    public Guid Id { get; private set; }
    public Guid PaymentId { get; private set; }
    public Guid OrderId { get; private set; }
    public decimal Amount { get; private set; }
    public DateTimeOffset RefundedAt { get; private set; }
}

internal sealed class PaymentRefundConfiguration : IEntityTypeConfiguration<PaymentRefund>
{
    public void Configure(EntityTypeBuilder<PaymentRefund> builder)
    {
        builder.ToTable("refunds", "payments");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Amount).HasPrecision(12, 2);
        builder.HasIndex(r => r.OrderId);
    }
}

internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> builder)
    {
        builder.ToTable("payments", "payments", table =>
        {
            table.HasCheckConstraint("ck_payments_refunds", "refunded_amount >= 0 AND refunded_amount <= amount");
            table.HasCheckConstraint("ck_payments_charged",
                "(charged_currency IS NULL) = (charged_amount IS NULL) AND (charged_currency IS NULL) = (charged_rate IS NULL)");
        });
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Provider).HasMaxLength(32);
        builder.Property(p => p.Amount).HasPrecision(12, 2);
        builder.Property(p => p.RefundedAmount).HasPrecision(12, 2);
        builder.Property(p => p.Currency).HasMaxLength(3);
        builder.Property(p => p.Status).HasMaxLength(24).HasConversion(s => ToSnake(s), s => FromSnake(s));
        builder.Property(p => p.ProviderReference).HasMaxLength(200);
        builder.Property(p => p.FailureReason).HasMaxLength(500);
        builder.Property(p => p.ChargedCurrency).HasMaxLength(3);
        builder.Property(p => p.ChargedAmount).HasPrecision(15, 3);
        builder.Property(p => p.ChargedRate).HasPrecision(18, 6);
        builder.HasIndex(p => p.OrderId);
        builder.HasIndex(p => new { p.Status, p.CreatedAt });
    }

    // "partially_refunded" reads better in SQL than "partiallyrefunded".
    private static string ToSnake(PaymentStatus status) => SnakeCaseNames.ToSnakeCase(status.ToString());

    private static PaymentStatus FromSnake(string text) => Enum.Parse<PaymentStatus>(text.Replace("_", ""), ignoreCase: true);
}

internal sealed class PaymentEventConfiguration : IEntityTypeConfiguration<PaymentEvent>
{
    public void Configure(EntityTypeBuilder<PaymentEvent> builder)
    {
        builder.ToTable("payment_events", "payments");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).UseIdentityAlwaysColumn();
        builder.Property(e => e.Provider).HasMaxLength(32);
        builder.Property(e => e.EventId).HasMaxLength(200);
        builder.Property(e => e.Type).HasMaxLength(64);
        builder.Property(e => e.Outcome).HasMaxLength(200);
        builder.HasIndex(e => new { e.Provider, e.EventId }).IsUnique();
        builder.HasIndex(e => e.PaymentId);
    }
}

using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shop.Web.Modules.Pricing.Contracts;
using Shop.Web.Platform.Database;

namespace Shop.Web.Modules.Pricing.Data;

public enum CouponKind
{
    Percentage,
    Fixed,
}

public enum CouponScope
{
    Cart,
    Category,
    Seller,
    Product,
}

/// <summary>What an admin sets on a coupon.</summary>
public sealed record CouponTerms(
    string Code, string Description, CouponKind Kind, decimal Amount, CouponScope Scope, Guid? ScopeId, decimal? MinimumOrder,
    DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, int? UsageLimit, int? PerCustomerLimit, bool IsActive);

/// <summary>
/// A discount code: a percentage or a fixed amount off the cart or off the items of one category
/// (with its subcategories), seller or product; with a minimum order value, a validity window and
/// limits on total uses and uses per customer.
/// </summary>
public sealed class Coupon
{
    private Coupon() { }

    public Guid Id { get; private set; }
    public string Code { get; private set; } = "";
    public string Description { get; private set; } = "";
    public CouponKind Kind { get; private set; }
    public decimal Amount { get; private set; }
    public CouponScope Scope { get; private set; }
    public Guid? ScopeId { get; private set; }
    public decimal? MinimumOrder { get; private set; }
    public DateTimeOffset? StartsAt { get; private set; }
    public DateTimeOffset? EndsAt { get; private set; }
    public int? UsageLimit { get; private set; }
    public int? PerCustomerLimit { get; private set; }
    public int UsedCount { get; private set; }
    public bool IsActive { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public static string Normalise(string code) => code.Trim().ToUpperInvariant();

    public static Coupon Create(CouponTerms terms, DateTimeOffset now)
    {
        var coupon = new Coupon { Id = Guid.CreateVersion7(now), CreatedAt = now };
        coupon.Change(terms);
        return coupon;
    }

    public void Change(CouponTerms terms)
    {
        Code = Normalise(terms.Code);
        Description = terms.Description.Trim();
        Kind = terms.Kind;
        Amount = terms.Amount;
        Scope = terms.Scope;
        ScopeId = terms.Scope == CouponScope.Cart ? null : terms.ScopeId;
        MinimumOrder = terms.MinimumOrder;
        StartsAt = terms.StartsAt;
        EndsAt = terms.EndsAt;
        UsageLimit = terms.UsageLimit;
        PerCustomerLimit = terms.PerCustomerLimit;
        IsActive = terms.IsActive;
    }

    /// <summary>Why the coupon cannot be used at <paramref name="now"/> whatever the cart holds; null when it can.</summary>
    public string? Unusable(DateTimeOffset now) =>
        !IsActive ? string.Format(CouponReasons.Inactive, Code)
        : StartsAt > now ? string.Format(CouponReasons.NotYet, Code, Day(StartsAt.Value))
        : EndsAt <= now ? string.Format(CouponReasons.Expired, Code, Day(EndsAt.Value))
        : UsageLimit is { } limit && UsedCount >= limit ? string.Format(CouponReasons.UsedUp, Code)
        : null;

    /// <summary>The discount on the eligible amount: a percentage of it, or the fixed amount up to it.</summary>
    public decimal DiscountOn(decimal eligible) => Kind == CouponKind.Percentage
        ? Math.Round(eligible * Amount / 100m, 2, MidpointRounding.AwayFromZero)
        : Math.Min(Amount, eligible);

    private static string Day(DateTimeOffset at) => at.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
}

/// <summary>One use of a coupon by an order.</summary>
public sealed class CouponRedemption
{
    private CouponRedemption() { }

    public CouponRedemption(Guid couponId, Guid? customerId, string email, Guid orderId, decimal discount, DateTimeOffset at)
    {
        CouponId = couponId;
        CustomerId = customerId;
        Email = email;
        OrderId = orderId;
        Discount = discount;
        CreatedAt = at;
    }

    public long Id { get; private set; }
    public Guid CouponId { get; private set; }
    public Guid? CustomerId { get; private set; }
    public string Email { get; private set; } = "";
    public Guid OrderId { get; private set; }
    public decimal Discount { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
}

internal sealed class CouponConfiguration : IEntityTypeConfiguration<Coupon>
{
    public void Configure(EntityTypeBuilder<Coupon> builder)
    {
        builder.ToTable("coupons", "pricing", table => table.HasCheckConstraint("ck_coupons_usage", "usage_limit IS NULL OR used_count <= usage_limit"));
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Code).HasMaxLength(40);
        builder.Property(c => c.Description).HasMaxLength(200);
        builder.Property(c => c.Kind).IsLowercaseName();
        builder.Property(c => c.Scope).IsLowercaseName();
        builder.Property(c => c.Amount).HasPrecision(12, 2);
        builder.Property(c => c.MinimumOrder).HasPrecision(12, 2);
        builder.HasIndex(c => c.Code).IsUnique();
    }
}

internal sealed class CouponRedemptionConfiguration : IEntityTypeConfiguration<CouponRedemption>
{
    public void Configure(EntityTypeBuilder<CouponRedemption> builder)
    {
        builder.ToTable("coupon_redemptions", "pricing");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).UseIdentityAlwaysColumn();
        builder.Property(r => r.Email).HasMaxLength(256);
        builder.Property(r => r.Discount).HasPrecision(12, 2);
        builder.HasOne<Coupon>().WithMany().HasForeignKey(r => r.CouponId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.CouponId, r.Email });
        builder.HasIndex(r => r.OrderId).IsUnique();
    }
}

using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Shop.Web.Modules.Pricing.Contracts;
using Shop.Web.Modules.Pricing.Data;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Errors;
using Shop.Web.Platform.Storefront;

namespace Shop.Web.Modules.Pricing.Quotes;

public sealed class PricingOptions
{
    public const string Section = "Pricing";

    /// <summary>Whether catalog prices already include tax (as Indian MRPs do) or tax is added on top.</summary>
    public bool PricesIncludeTax { get; set; } = true;
}

public sealed class PricingService(ShopDbContext db, IOptions<PricingOptions> options, IOptions<StorefrontSettings> store, Money money, TimeProvider clock)
    : IPricing
{
    public async Task<Quote> QuoteAsync(PricingRequest request)
    {
        Coupon? coupon = null;
        var uses = 0;
        if (!string.IsNullOrWhiteSpace(request.CouponCode))
        {
            var code = Coupon.Normalise(request.CouponCode);
            coupon = await db.Set<Coupon>().AsNoTracking().SingleOrDefaultAsync(c => c.Code == code);
            if (coupon is not null)
                uses = await UsesAsync(coupon.Id, request.Buyer);
        }
        var rules = new PricingRules(store.Value.Currency, options.Value.PricesIncludeTax,
            await db.Set<TaxRate>().AsNoTracking().ToListAsync(),
            await db.Set<ShippingMethod>().AsNoTracking().Include(m => m.Rates).ToListAsync(),
            coupon, uses, clock.GetUtcNow());
        return QuoteCalculator.Calculate(request, rules, money.Show);
    }

    public async Task<IReadOnlyList<ShippingOption>> ShippingMethodsAsync() =>
        await db.Set<ShippingMethod>().AsNoTracking().Where(m => m.IsActive).OrderBy(m => m.SortOrder).ThenBy(m => m.Name)
            .Select(m => new ShippingOption(m.Code, m.Name, m.DeliveryEstimate, m.BaseRate, m.FreeOver)).ToListAsync();

    public async Task<IReadOnlyList<CouponOffer>> CurrentOffersAsync(int limit)
    {
        var now = clock.GetUtcNow();
        var active = await db.Set<Coupon>().AsNoTracking().Where(c => c.IsActive).ToListAsync();
        return active.Where(c => c.Unusable(now) is null)
            .OrderBy(c => c.EndsAt is null).ThenBy(c => c.EndsAt).ThenByDescending(c => c.CreatedAt).Take(limit)
            .Select(c => new CouponOffer(c.Code, c.Description,
                c.Kind == CouponKind.Percentage ? $"{c.Amount.ToString("0.##", CultureInfo.InvariantCulture)}% off" : $"{money.Tag(c.Amount)} off",
                c.EndsAt, c.Scope == CouponScope.Category ? c.ScopeId : null)).ToList();
    }

    public async Task<IReadOnlyList<ShippingOption>> ShippingToAsync(string postalCode, long weightGrams, decimal orderValue) =>
        QuoteCalculator.ShippingOptions(await db.Set<ShippingMethod>().AsNoTracking().Include(m => m.Rates).ToListAsync(), state: null, postalCode, weightGrams, orderValue);

    public async Task<IReadOnlyList<ShippingTerms>> ShippingTermsAsync() =>
        await db.Set<ShippingMethod>().AsNoTracking().Where(m => m.IsActive).OrderBy(m => m.SortOrder).ThenBy(m => m.Name)
            .Select(m => new ShippingTerms(m.Name, m.DeliveryEstimate, m.BaseRate, m.PerKgRate, m.FreeOver, m.Rates.Any())).ToListAsync();

    public Task<bool> CouponExistsAsync(string code) => db.Set<Coupon>().AnyAsync(c => c.Code == Coupon.Normalise(code));

    public async Task RedeemAsync(string couponCode, Buyer buyer, Guid orderId, decimal discount)
    {
        var code = Coupon.Normalise(couponCode);
        var now = clock.GetUtcNow();
        // The conditional update takes the coupon's row lock: later redeemers wait here and then see the new count.
        var redeemed = await db.Database.SqlQuery<Guid>($"""
            UPDATE pricing.coupons SET used_count = used_count + 1
             WHERE code = {code} AND is_active AND (usage_limit IS NULL OR used_count < usage_limit)
               AND (starts_at IS NULL OR starts_at <= {now}) AND (ends_at IS NULL OR ends_at > {now})
            RETURNING id AS "Value"
            """).ToListAsync();
        if (redeemed.Count == 0)
            throw new ConflictException("coupon.unavailable", "The coupon {0} can no longer be used. Remove it to place the order.", code);
        var coupon = await db.Set<Coupon>().AsNoTracking().SingleAsync(c => c.Id == redeemed[0]);
        if (coupon.PerCustomerLimit is { } limit && await UsesAsync(coupon.Id, buyer) >= limit)
            throw new ConflictException("coupon.already_used", CouponReasons.UsedByYou, code);
        db.Add(new CouponRedemption(coupon.Id, buyer.CustomerId, (buyer.Email ?? "").Trim().ToLowerInvariant(), orderId, discount, now));
        await db.SaveChangesAsync();
    }

    private async Task<int> UsesAsync(Guid couponId, Buyer buyer)
    {
        var email = buyer.Email?.Trim().ToLowerInvariant();
        if (buyer.CustomerId is null && string.IsNullOrEmpty(email))
            return 0;
        return await db.Set<CouponRedemption>().CountAsync(r => r.CouponId == couponId
            && ((buyer.CustomerId != null && r.CustomerId == buyer.CustomerId) || (email != null && r.Email == email)));
    }
}

using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Shop.Web.Modules.Pricing.Data;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Errors;

namespace Shop.Web.Modules.Pricing.Coupons;

public sealed class CouponRequest
{
    [Required, RegularExpression("^[A-Za-z0-9-]{3,40}$", ErrorMessage = "Use 3 to 40 letters, digits or hyphens."), Display(Name = "Code")]
    public string Code { get; set; } = "";

    [Required, MaxLength(200), Display(Name = "Description")]
    public string Description { get; set; } = "";

    public CouponKind Kind { get; set; } = CouponKind.Percentage;

    [Range(typeof(decimal), "0.01", "10000000"), Display(Name = "Amount")]
    public decimal Amount { get; set; }

    public CouponScope Scope { get; set; } = CouponScope.Cart;

    /// <summary>The category, seller or product the coupon is limited to (not for whole-cart coupons).</summary>
    public Guid? ScopeId { get; set; }

    [Range(typeof(decimal), "0", "10000000"), Display(Name = "Minimum order")]
    public decimal? MinimumOrder { get; set; }

    public DateTimeOffset? StartsAt { get; set; }

    public DateTimeOffset? EndsAt { get; set; }

    [Range(1, 10_000_000), Display(Name = "Total uses")]
    public int? UsageLimit { get; set; }

    [Range(1, 1000), Display(Name = "Uses per customer")]
    public int? PerCustomerLimit { get; set; }

    public bool IsActive { get; set; } = true;

    internal CouponTerms Terms()
    {
        var errors = new Dictionary<string, string[]>();
        if (Kind == CouponKind.Percentage && Amount > 100)
            errors[nameof(Amount)] = ["A percentage cannot be more than 100."];
        if (Scope != CouponScope.Cart && ScopeId is null)
            errors[nameof(ScopeId)] = [$"Choose the {Scope.ToString().ToLowerInvariant()} the coupon is for."];
        if (StartsAt is not null && EndsAt is not null && EndsAt <= StartsAt)
            errors[nameof(EndsAt)] = ["The end must be after the start."];
        if (errors.Count > 0)
            throw new InputValidationException(errors);
        return new CouponTerms(Code, Description, Kind, Amount, Scope, ScopeId, MinimumOrder, StartsAt, EndsAt, UsageLimit, PerCustomerLimit, IsActive);
    }

    public static CouponRequest From(CouponView coupon) => new()
    {
        Code = coupon.Code, Description = coupon.Description, Kind = coupon.Kind, Amount = coupon.Amount, Scope = coupon.Scope, ScopeId = coupon.ScopeId,
        MinimumOrder = coupon.MinimumOrder, StartsAt = coupon.StartsAt, EndsAt = coupon.EndsAt, UsageLimit = coupon.UsageLimit,
        PerCustomerLimit = coupon.PerCustomerLimit, IsActive = coupon.IsActive,
    };
}

public sealed record CouponView(
    Guid Id, string Code, string Description, CouponKind Kind, decimal Amount, CouponScope Scope, Guid? ScopeId, decimal? MinimumOrder,
    DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, int? UsageLimit, int? PerCustomerLimit, int UsedCount, bool IsActive)
{
    internal static CouponView From(Coupon c) => new(c.Id, c.Code, c.Description, c.Kind, c.Amount, c.Scope, c.ScopeId, c.MinimumOrder,
        c.StartsAt, c.EndsAt, c.UsageLimit, c.PerCustomerLimit, c.UsedCount, c.IsActive);
}

/// <summary>Coupons as admins create, change and watch them.</summary>
public sealed class CouponAdministration(ShopDbContext db, TimeProvider clock)
{
    public async Task<IReadOnlyList<CouponView>> ListAsync() =>
        (await db.Set<Coupon>().AsNoTracking().OrderByDescending(c => c.CreatedAt).ToListAsync()).Select(CouponView.From).ToList();

    public async Task<CouponView?> GetAsync(Guid id) =>
        await db.Set<Coupon>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id) is { } coupon ? CouponView.From(coupon) : null;

    public async Task<CouponView> CreateAsync(CouponRequest request)
    {
        var coupon = Coupon.Create(request.Terms(), clock.GetUtcNow());
        db.Add(coupon);
        await SaveAsync();
        return CouponView.From(coupon);
    }

    public async Task<CouponView?> UpdateAsync(Guid id, CouponRequest request)
    {
        var coupon = await db.Set<Coupon>().SingleOrDefaultAsync(c => c.Id == id);
        if (coupon is null)
            return null;
        coupon.Change(request.Terms());
        await SaveAsync();
        return CouponView.From(coupon);
    }

    private async Task SaveAsync()
    {
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw new InputValidationException(nameof(CouponRequest.Code), "Another coupon already uses this code.");
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.CheckViolation })
        {
            throw new InputValidationException(nameof(CouponRequest.UsageLimit), "The coupon has already been used more often than that.");
        }
    }
}

using Microsoft.EntityFrameworkCore;
using Shop.Web.Modules.Catalog.Contracts;
using Shop.Web.Modules.Pricing.Data;
using Shop.Web.Platform.Commands;
using Shop.Web.Platform.Database;

namespace Shop.Web.Modules.Pricing.Coupons;

/// <summary>Coupons to try in the demo store (with the demo accounts): one on the whole cart, one on fashion.</summary>
internal sealed class DemoCouponsSetup(ShopDbContext db, ICatalogLookup catalog, IConfiguration configuration, TimeProvider clock) : ISetupStep
{
    public int Order => 50;

    public async Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        if (!configuration.GetValue<bool>("Demo:Accounts") || await db.Set<Coupon>().AnyAsync(cancellationToken))
            return;
        db.Add(Coupon.Create(new CouponTerms("WELCOME10", "10% off your first order over ₹999", CouponKind.Percentage, 10m, CouponScope.Cart, null,
            999m, null, null, null, 1, true), clock.GetUtcNow()));
        if ((await catalog.CategoriesAsync()).FirstOrDefault(c => c.Depth == 0 && c.Name == "Fashion") is { } fashion)
            db.Add(Coupon.Create(new CouponTerms("FASHION500", "₹500 off fashion over ₹2,999", CouponKind.Fixed, 500m, CouponScope.Category, fashion.Id,
                2999m, null, null, null, null, true), clock.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        await output.WriteLineAsync("Demo coupons: WELCOME10, FASHION500");
    }
}

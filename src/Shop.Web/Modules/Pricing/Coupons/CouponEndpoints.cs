using Microsoft.AspNetCore.Http.HttpResults;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Platform.Security;

namespace Shop.Web.Modules.Pricing.Coupons;

public static class CouponEndpoints
{
    public static void MapCouponEndpoints(this RouteGroupBuilder api)
    {
        var coupons = api.MapGroup("/admin/coupons").WithTags("Admin").RequireAuthorization(Policies.Admin).Access(Callers.Admins);

        coupons.MapGet("/", async Task<Ok<IReadOnlyList<CouponView>>> (CouponAdministration admin) => TypedResults.Ok(await admin.ListAsync()))
            .WithName("ListCoupons").WithSummary("Every coupon with how often it was used, newest first.");

        coupons.MapGet("/{id:guid}", async Task<Results<Ok<CouponView>, NotFound>> (Guid id, CouponAdministration admin) =>
            await admin.GetAsync(id) is { } coupon ? TypedResults.Ok(coupon) : TypedResults.NotFound())
            .WithName("GetCoupon");

        coupons.MapPost("/", async Task<Created<CouponView>> (CouponRequest request, CouponAdministration admin) =>
        {
            var coupon = await admin.CreateAsync(request);
            return TypedResults.Created($"/api/v1/admin/coupons/{coupon.Id}", coupon);
        }).WithName("CreateCoupon").WithSummary("A percentage or fixed discount on the cart, a category, a seller or a product, with limits.");

        coupons.MapPut("/{id:guid}", async Task<Results<Ok<CouponView>, NotFound>> (Guid id, CouponRequest request, CouponAdministration admin) =>
            await admin.UpdateAsync(id, request) is { } coupon ? TypedResults.Ok(coupon) : TypedResults.NotFound())
            .WithName("UpdateCoupon").WithSummary("Change a coupon's terms; set isActive false to stop it.");
    }
}

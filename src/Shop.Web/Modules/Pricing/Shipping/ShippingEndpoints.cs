using Microsoft.AspNetCore.Http.HttpResults;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Platform.Security;

namespace Shop.Web.Modules.Pricing.Shipping;

public static class ShippingEndpoints
{
    public static void MapShippingEndpoints(this RouteGroupBuilder api)
    {
        var shipping = api.MapGroup("/admin/shipping").WithTags("Admin").RequireAuthorization(Policies.Admin).Access(Callers.Admins);

        shipping.MapGet("/", async Task<Ok<IReadOnlyList<ShippingMethodView>>> (ShippingAdministration admin) => TypedResults.Ok(await admin.ListAsync()))
            .WithName("ListShippingMethods").WithSummary("Shipping methods with their regional rates.");

        shipping.MapGet("/{id:guid}", async Task<Results<Ok<ShippingMethodView>, NotFound>> (Guid id, ShippingAdministration admin) =>
            await admin.GetAsync(id) is { } method ? TypedResults.Ok(method) : TypedResults.NotFound())
            .WithName("GetShippingMethod");

        shipping.MapPost("/", async Task<Created<ShippingMethodView>> (ShippingMethodRequest request, ShippingAdministration admin) =>
        {
            var method = await admin.CreateAsync(request);
            return TypedResults.Created($"/api/v1/admin/shipping/{method.Id}", method);
        }).WithName("CreateShippingMethod")
          .WithSummary("Base rate plus a rate per started kg, overridden per state or postal-code prefix; free from an order value.");

        shipping.MapPut("/{id:guid}", async Task<Results<Ok<ShippingMethodView>, NotFound>> (Guid id, ShippingMethodRequest request, ShippingAdministration admin) =>
            await admin.UpdateAsync(id, request) is { } method ? TypedResults.Ok(method) : TypedResults.NotFound())
            .WithName("UpdateShippingMethod");

        shipping.MapDelete("/{id:guid}", async Task<Results<NoContent, NotFound>> (Guid id, ShippingAdministration admin) =>
            await admin.DeleteAsync(id) ? TypedResults.NoContent() : TypedResults.NotFound())
            .WithName("DeleteShippingMethod");
    }
}

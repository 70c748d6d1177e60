using Microsoft.AspNetCore.Http.HttpResults;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Platform.Security;

namespace Shop.Web.Modules.Pricing.Tax;

public static class TaxEndpoints
{
    public static void MapTaxEndpoints(this RouteGroupBuilder api)
    {
        var tax = api.MapGroup("/admin/tax").WithTags("Admin").RequireAuthorization(Policies.Admin).Access(Callers.Admins);

        tax.MapGet("/", async Task<Ok<IReadOnlyList<TaxRateView>>> (TaxAdministration admin) => TypedResults.Ok(await admin.ListAsync()))
            .WithName("ListTaxRates").WithSummary("Tax rates; the most specific (deepest category, then state) applies to a line.");

        tax.MapGet("/{id:guid}", async Task<Results<Ok<TaxRateView>, NotFound>> (Guid id, TaxAdministration admin) =>
            await admin.GetAsync(id) is { } rate ? TypedResults.Ok(rate) : TypedResults.NotFound())
            .WithName("GetTaxRate");

        tax.MapPost("/", async Task<Created<TaxRateView>> (TaxRateRequest request, TaxAdministration admin) =>
        {
            var rate = await admin.CreateAsync(request);
            return TypedResults.Created($"/api/v1/admin/tax/{rate.Id}", rate);
        }).WithName("CreateTaxRate");

        tax.MapPut("/{id:guid}", async Task<Results<Ok<TaxRateView>, NotFound>> (Guid id, TaxRateRequest request, TaxAdministration admin) =>
            await admin.UpdateAsync(id, request) is { } rate ? TypedResults.Ok(rate) : TypedResults.NotFound())
            .WithName("UpdateTaxRate");

        tax.MapDelete("/{id:guid}", async Task<Results<NoContent, NotFound>> (Guid id, TaxAdministration admin) =>
            await admin.DeleteAsync(id) ? TypedResults.NoContent() : TypedResults.NotFound())
            .WithName("DeleteTaxRate");
    }
}

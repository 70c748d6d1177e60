using Microsoft.AspNetCore.Http.HttpResults;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Platform.Security;

namespace Shop.Web.Modules.Currencies.Administration;

public static class AdminCurrencyEndpoints
{
    public static void MapAdminCurrencyEndpoints(this RouteGroupBuilder api)
    {
        var currencies = api.MapGroup("/admin/currencies").WithTags("Admin").RequireAuthorization(Policies.Admin).Access(Callers.Admins);

        currencies.MapGet("/", async Task<Ok<IReadOnlyList<CurrencyView>>> (CurrencyAdministration admin) => TypedResults.Ok(await admin.ListAsync()))
            .WithName("ListDisplayCurrencies").WithSummary("Display currencies with their rates (shop currency per unit) and when and by whom each rate was set.");

        currencies.MapGet("/{code}", async Task<Results<Ok<CurrencyView>, NotFound>> (string code, CurrencyAdministration admin) =>
            await admin.GetAsync(code) is { } currency ? TypedResults.Ok(currency) : TypedResults.NotFound())
            .WithName("GetDisplayCurrency");

        currencies.MapPut("/{code}", async Task<Ok<CurrencyView>> (string code, CurrencyRateRequest request, CurrencyAdministration admin, HttpContext context) =>
            TypedResults.Ok(await admin.SetAsync(code, request, context.User.UserId())))
            .WithName("SetDisplayCurrency")
            .WithSummary("Add a display currency by its ISO 4217 code or change it: its rate (shop currency per unit, above 0, at most 1,000,000), whether shoppers may choose it, and whether card payments may be charged in it.");
    }
}

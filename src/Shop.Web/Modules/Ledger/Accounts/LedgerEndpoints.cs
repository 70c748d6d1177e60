using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Platform.Api;
using Shop.Web.Platform.Security;

namespace Shop.Web.Modules.Ledger.Accounts;

public sealed record PayoutResult(decimal Balance);

public static class LedgerEndpoints
{
    public static void MapLedgerEndpoints(this RouteGroupBuilder api)
    {
        var seller = api.MapGroup("/seller/ledger").WithTags("Seller").RequireAuthorization(Policies.Seller).Access(Callers.Sellers, Objects.Own);
        seller.MapGet("/", async Task<Ok<Statement>> ([AsParameters] PageRequest page, ClaimsPrincipal user, SellerAccounts accounts) =>
            TypedResults.Ok(await accounts.StatementAsync(user.UserId(), page)))
            .WithName("SellerStatement").WithSummary("The seller's balance and entries (sales, commission, refunds, payouts), newest first.");
        seller.MapGet("/export", async Task<FileContentHttpResult> (ClaimsPrincipal user, SellerAccounts accounts) =>
            TypedResults.File(System.Text.Encoding.UTF8.GetBytes(await accounts.CsvAsync(user.UserId())), "text/csv", "statement.csv"))
            .WithName("SellerStatementCsv").WithSummary("The whole statement as CSV with a running balance.");

        var admin = api.MapGroup("/admin").WithTags("Admin").RequireAuthorization(Policies.Admin).Access(Callers.Admins);
        admin.MapGet("/ledger", async Task<Ok<IReadOnlyList<SellerBalance>>> (SellerAccounts accounts) => TypedResults.Ok(await accounts.BalancesAsync()))
            .WithName("SellerBalances").WithSummary("Every seller's sales, commission, refunds, payouts and balance.");
        admin.MapPost("/ledger/payouts", async Task<Ok<PayoutResult>> (PayoutRequest request, SellerAccounts accounts) =>
            TypedResults.Ok(new PayoutResult(await accounts.PayOutAsync(request))))
            .WithName("RecordPayout").WithSummary("Record money paid out to a seller; never more than the balance (409).");
        admin.MapGet("/commission-rules", async Task<Ok<IReadOnlyList<CommissionRuleView>>> (CommissionRules rules) => TypedResults.Ok(await rules.ListAsync()))
            .WithName("CommissionRules");
        admin.MapPut("/commission-rules", async Task<Ok<CommissionRuleView>> (CommissionRuleRequest request, CommissionRules rules) => TypedResults.Ok(await rules.SetAsync(request)))
            .WithName("SetCommissionRule").WithSummary("Set the commission for a seller, a category, both, or (neither) the default.");
        admin.MapDelete("/commission-rules/{id:guid}", async Task<Results<NoContent, NotFound>> (Guid id, CommissionRules rules) =>
            await rules.DeleteAsync(id) ? TypedResults.NoContent() : TypedResults.NotFound())
            .WithName("DeleteCommissionRule");
    }
}

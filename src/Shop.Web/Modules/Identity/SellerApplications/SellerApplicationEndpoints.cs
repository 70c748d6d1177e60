using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Modules.Identity.Data;
using Shop.Web.Platform.Api;
using Shop.Web.Platform.Security;

namespace Shop.Web.Modules.Identity.SellerApplications;

public static class SellerApplicationEndpoints
{
    public static void MapSellerApplicationEndpoints(this RouteGroupBuilder api)
    {
        var mine = api.MapGroup("/me/seller-application").WithTags("Sellers").RequireAuthorization().Access(Callers.SignedIn, Objects.Own);

        mine.MapPost("/", async Task<Created<SellerApplicationResponse>> (SellerApplicationRequest request, ClaimsPrincipal user, SellerOnboarding applications) =>
            TypedResults.Created("/api/v1/me/seller-application", await applications.SubmitAsync(user.UserId(), request)))
            .WithName("ApplyToSell").WithSummary("Apply to sell on the marketplace; an admin decides.");

        mine.MapGet("/", async Task<Results<Ok<SellerApplicationResponse>, NotFound>> (ClaimsPrincipal user, SellerOnboarding applications) =>
            await applications.LatestForAsync(user.UserId()) is { } application ? TypedResults.Ok(application) : TypedResults.NotFound())
            .WithName("GetMySellerApplication").WithSummary("The signed-in user's latest application and its status.");

        var admin = api.MapGroup("/admin/seller-applications").WithTags("Admin").RequireAuthorization(Policies.Admin).Access(Callers.Admins);

        admin.MapGet("/", async Task<Ok<Paged<SellerApplicationResponse>>> ([AllowedValues(null, "pending", "approved", "rejected")] string? status, [AsParameters] PageRequest page, SellerOnboarding applications) =>
            TypedResults.Ok(await applications.ListAsync(status is null ? null : Enum.Parse<SellerApplicationStatus>(status, ignoreCase: true), page)))
            .WithName("ListSellerApplications").WithSummary("Applications, oldest first, optionally only those with a status.");

        admin.MapGet("/{id:guid}", async Task<Results<Ok<SellerApplicationResponse>, NotFound>> (Guid id, SellerOnboarding applications) =>
            await applications.FindAsync(id) is { } application ? TypedResults.Ok(application) : TypedResults.NotFound())
            .WithName("GetSellerApplication");

        admin.MapPost("/{id:guid}/approve", async Task<Results<Ok<SellerApplicationResponse>, NotFound>> (Guid id, ClaimsPrincipal user, SellerOnboarding applications) =>
            await applications.ApproveAsync(user.UserId(), id) is { } application ? TypedResults.Ok(application) : TypedResults.NotFound())
            .WithName("ApproveSellerApplication").WithSummary("Approve: the applicant becomes a seller and is emailed.");

        admin.MapPost("/{id:guid}/reject", async Task<Results<Ok<SellerApplicationResponse>, NotFound>> (Guid id, RejectRequest request, ClaimsPrincipal user, SellerOnboarding applications) =>
            await applications.RejectAsync(user.UserId(), id, request) is { } application ? TypedResults.Ok(application) : TypedResults.NotFound())
            .WithName("RejectSellerApplication").WithSummary("Reject with a reason, which is emailed to the applicant.");
    }
}

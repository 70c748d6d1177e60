using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Platform.Api;
using Shop.Web.Platform.Security;

namespace Shop.Web.Modules.Reviews.Moderation;

public static class ModerationEndpoints
{
    public static void MapModerationEndpoints(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("/admin/reviews").WithTags("Admin").RequireAuthorization(Policies.Admin).Access(Callers.Admins);

        admin.MapGet("/", async Task<Ok<Paged<ModeratedReview>>> ([AsParameters] ModerationFilter filter, [AsParameters] PageRequest page, ReviewModeration moderation) =>
            TypedResults.Ok(await moderation.ListAsync(filter, page)))
            .WithName("ListReviewsToModerate").WithSummary("Reviews by status (pending first, oldest first), rating and words.");

        admin.MapPost("/{id:guid}/approve", async Task<Results<Ok<ModeratedReview>, NotFound>> (Guid id, ClaimsPrincipal user, ReviewModeration moderation) =>
            await moderation.ApproveAsync(user.UserId(), id) is { } review ? TypedResults.Ok(review) : TypedResults.NotFound())
            .WithName("ApproveReview").WithSummary("Publish the review; the product's rating counts it at once.");

        admin.MapPost("/{id:guid}/reject", async Task<Results<Ok<ModeratedReview>, NotFound>> (Guid id, RejectReviewRequest request, ClaimsPrincipal user, ReviewModeration moderation) =>
            await moderation.RejectAsync(user.UserId(), id, request) is { } review ? TypedResults.Ok(review) : TypedResults.NotFound())
            .WithName("RejectReview").WithSummary("Reject with a reason, which is emailed to the author.");
    }
}

using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Shop.Web.Modules.Catalog.Contracts;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Modules.Reviews.Display;
using Shop.Web.Platform.Security;

namespace Shop.Web.Modules.Reviews.Writing;

public static class ReviewEndpoints
{
    public static void MapReviewEndpoints(this RouteGroupBuilder api)
    {
        var reviews = api.MapGroup("/catalog/products/{idOrSlug}/reviews").WithTags("Reviews");

        reviews.MapGet("/", async Task<Results<Ok<ReviewPage>, NotFound>> (string idOrSlug, [AsParameters] ReviewQuery query, IProductDirectory products, ReviewListing listing) =>
            await products.FindActiveAsync(idOrSlug) is { } product ? TypedResults.Ok(await listing.ListAsync(product.Id, query)) : TypedResults.NotFound())
            .AllowAnonymous().Access(Callers.Anyone)
            .WithName("ListReviews").WithSummary("A product's approved reviews (sort: newest, helpful, highest, lowest) with its average, count and star histogram.");

        reviews.MapPost("/", async Task<Results<Created<MyReview>, NotFound>> (string idOrSlug, ReviewRequest request, ClaimsPrincipal user, IProductDirectory products, ReviewWriting writing) =>
            await products.FindActiveAsync(idOrSlug) is { } product
                ? TypedResults.Created($"/api/v1/catalog/products/{product.Id}/reviews/mine", await writing.WriteAsync(user.UserId(), product, request))
                : TypedResults.NotFound())
            .RequireAuthorization().Access(Callers.SignedIn, Objects.Own)
            .WithName("WriteReview").WithSummary("Review a product delivered to you: 1-5 stars, a title and text. It shows once a moderator approves it.");

        reviews.MapGet("/mine", async Task<Results<Ok<MyReview>, NotFound>> (string idOrSlug, ClaimsPrincipal user, IProductDirectory products, ReviewWriting writing) =>
            await products.FindActiveAsync(idOrSlug) is { } product && await writing.MineAsync(user.UserId(), product.Id) is { } mine
                ? TypedResults.Ok(mine) : TypedResults.NotFound())
            .RequireAuthorization().Access(Callers.SignedIn, Objects.Own)
            .WithName("GetMyReview").WithSummary("Your review of the product, with its moderation status.");

        reviews.MapPut("/mine", async Task<Results<Ok<MyReview>, NotFound>> (string idOrSlug, ReviewRequest request, ClaimsPrincipal user, IProductDirectory products, ReviewWriting writing) =>
            await products.FindActiveAsync(idOrSlug) is { } product && await writing.EditAsync(user.UserId(), product, request) is { } edited
                ? TypedResults.Ok(edited) : TypedResults.NotFound())
            .RequireAuthorization().Access(Callers.SignedIn, Objects.Own)
            .WithName("EditMyReview").WithSummary("Edit your review; it goes back to moderation and leaves the rating until approved again.");

        reviews.MapPost("/{reviewId:guid}/helpful", async Task<Results<NoContent, NotFound>> (string idOrSlug, Guid reviewId, ClaimsPrincipal user, ReviewWriting writing) =>
            await writing.MarkHelpfulAsync(user.UserId(), reviewId) ? TypedResults.NoContent() : TypedResults.NotFound())
            .RequireAuthorization().Access(Callers.SignedIn)
            .WithName("MarkReviewHelpful").WithSummary("Count the review as helpful to you (once per person).");
    }
}

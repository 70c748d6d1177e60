using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Shop.Web.Modules.Catalog.Browse;
using Shop.Web.Modules.Catalog.Contracts;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Platform.Security;

namespace Shop.Web.Modules.Catalog.Recommendations;

public static class RecommendationEndpoints
{
    public static void MapRecommendationEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/catalog/products/{idOrSlug}/recommendations", async Task<Results<Ok<IReadOnlyList<Recommendation>>, NotFound>> (
                string idOrSlug, IProductDirectory products, Recommender recommender, CancellationToken cancellationToken) =>
                await products.FindActiveAsync(idOrSlug, cancellationToken) is { } product
                    ? TypedResults.Ok(await recommender.BoughtTogetherAsync(product.Id, cancellationToken: cancellationToken))
                    : TypedResults.NotFound())
            .AllowAnonymous().Access(Callers.Anyone).WithTags("Catalog")
            .WithName("FrequentlyBoughtTogether")
            .WithSummary("Products often bought with this one (cosine similarity over orders), topped up with best sellers of its category; each names its reason.");

        var me = api.MapGroup("/me").WithTags("Recommendations");

        me.MapGet("/recently-viewed", async Task<Ok<IReadOnlyList<ProductCard>>> (HttpContext context, Recommender recommender, CancellationToken cancellationToken) =>
                TypedResults.Ok(await recommender.RecentlyViewedAsync(Visitor.Keys(context), cancellationToken: cancellationToken)))
            .AllowAnonymous().Access(Callers.Anyone, Objects.Own)
            .WithName("RecentlyViewed").WithSummary("Products the signed-in customer (or this browser's visitor cookie) viewed, most recent first.");

        me.MapGet("/recommendations", async Task<Ok<IReadOnlyList<Recommendation>>> (HttpContext context, ClaimsPrincipal user, Recommender recommender,
                CancellationToken cancellationToken) =>
                TypedResults.Ok(await recommender.ForCustomerAsync(user.UserId(), Visitor.Keys(context), cancellationToken: cancellationToken)))
            .RequireAuthorization().Access(Callers.SignedIn, Objects.Own)
            .WithName("RecommendedForYou")
            .WithSummary("In-stock products similar to what you bought and viewed, never one you bought or just viewed; best sellers when there is little to go on.");
    }
}

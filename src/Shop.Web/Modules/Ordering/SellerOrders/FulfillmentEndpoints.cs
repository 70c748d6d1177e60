using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Platform.Api;
using Shop.Web.Platform.Security;

namespace Shop.Web.Modules.Ordering.SellerOrders;

public static class FulfillmentEndpoints
{
    public static void MapFulfillmentEndpoints(this RouteGroupBuilder api)
    {
        var fulfillments = api.MapGroup("/seller/fulfillments").WithTags("Seller").RequireAuthorization(Policies.Seller).Access(Callers.Sellers, Objects.Own);

        fulfillments.MapGet("/", async Task<Ok<Paged<SellerFulfillmentSummary>>> ([AsParameters] FulfillmentFilter filter, [AsParameters] PageRequest page,
                ClaimsPrincipal user, SellerFulfillments seller) =>
            TypedResults.Ok(await seller.ListAsync(user.UserId(), filter, page)))
            .WithName("ListFulfillments").WithSummary("The seller's parts of orders, newest first; ?status= to filter.");

        fulfillments.MapGet("/{id:guid}", async Task<Results<Ok<SellerFulfillment>, NotFound>> (Guid id, ClaimsPrincipal user, SellerFulfillments seller) =>
            await seller.GetAsync(user.UserId(), id) is { } fulfillment ? TypedResults.Ok(fulfillment) : TypedResults.NotFound())
            .WithName("GetFulfillment");

        fulfillments.MapPost("/{id:guid}/status", async Task<Results<Ok<SellerFulfillment>, NotFound>> (Guid id, FulfillmentStepRequest request, ClaimsPrincipal user, SellerFulfillments seller) =>
            await seller.AdvanceAsync(user.UserId(), id, request) && await seller.GetAsync(user.UserId(), id) is { } fulfillment
                ? TypedResults.Ok(fulfillment) : TypedResults.NotFound())
            .WithName("AdvanceFulfillment").WithSummary("processing → shipped (carrier and tracking number required) → delivered; anything else is 409.");
    }
}

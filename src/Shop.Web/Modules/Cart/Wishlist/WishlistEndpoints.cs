using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Shop.Web.Modules.Cart.Shopping;
using Shop.Web.Platform.Security;

namespace Shop.Web.Modules.Cart.Wishlist;

public sealed class WishlistRequest
{
    [Required]
    public Guid? VariantId { get; set; }
}

public static class WishlistEndpoints
{
    public static void MapWishlistEndpoints(this RouteGroupBuilder api)
    {
        var wishlist = api.MapGroup("/wishlist").WithTags("Wishlist").RequireAuthorization().Access(Callers.SignedIn, Objects.Own);

        wishlist.MapGet("/", async Task<Ok<IReadOnlyList<WishlistEntry>>> (WishlistService list) => TypedResults.Ok(await list.ListAsync()))
            .WithName("GetWishlist").WithSummary("The signed-in customer's wishlist, newest first, with today's price and stock.");

        wishlist.MapPost("/", async Task<NoContent> (WishlistRequest request, WishlistService list) =>
        {
            await list.AddAsync(request.VariantId!.Value);
            return TypedResults.NoContent();
        }).WithName("AddToWishlist").WithSummary("Keep a variant for later (adding it twice changes nothing).");

        wishlist.MapDelete("/{variantId:guid}", async Task<Results<NoContent, NotFound>> (Guid variantId, WishlistService list) =>
            await list.RemoveAsync(variantId) ? TypedResults.NoContent() : TypedResults.NotFound())
            .WithName("RemoveFromWishlist");

        wishlist.MapPost("/{variantId:guid}/move-to-cart", async Task<Results<Ok<CartView>, NotFound>> (Guid variantId, WishlistService list, CartService carts) =>
            await list.MoveToCartAsync(variantId) ? TypedResults.Ok(await carts.ViewAsync()) : TypedResults.NotFound())
            .WithName("MoveWishlistItemToCart").WithSummary("Put one unit in the cart and take the item off the wishlist.");
    }
}

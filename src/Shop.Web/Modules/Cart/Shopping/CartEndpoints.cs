using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Shop.Web.Modules.Cart.Data;
using Shop.Web.Platform.Security;

namespace Shop.Web.Modules.Cart.Shopping;

public sealed class AddCartItemRequest
{
    [Required]
    public Guid? VariantId { get; set; }

    [Range(1, ShoppingCart.MaxQuantityPerLine)]
    public int Quantity { get; set; } = 1;
}

public sealed class CartQuantityRequest
{
    /// <summary>The new quantity; 0 removes the line.</summary>
    [Range(0, ShoppingCart.MaxQuantityPerLine)]
    public required int Quantity { get; set; }
}

public sealed class CouponCodeRequest
{
    [Required, MaxLength(40)]
    public string Code { get; set; } = "";
}

public static class CartEndpoints
{
    public static void MapCartEndpoints(this RouteGroupBuilder api)
    {
        // Guests shop too: the cart is found by account, cart cookie or X-Cart-Token header.
        var cart = api.MapGroup("/cart").WithTags("Cart").AllowAnonymous().Access(Callers.Anyone, Objects.Own);

        cart.MapGet("/", async Task<Ok<CartView>> (CartService carts) => TypedResults.Ok(await carts.ViewAsync()))
            .WithName("GetCart").WithSummary("The visitor's cart with today's prices, stock warnings and totals.");

        cart.MapPost("/items", async Task<Ok<CartView>> (AddCartItemRequest request, CartService carts) =>
            TypedResults.Ok(await carts.AddAsync(request.VariantId!.Value, request.Quantity)))
            .WithName("AddCartItem")
            .WithSummary("Add units of a variant. A guest's first add starts a cart and returns its token in the X-Cart-Token header; send it back on later requests.");

        cart.MapPut("/items/{variantId:guid}", async Task<Results<Ok<CartView>, NotFound>> (Guid variantId, CartQuantityRequest request, CartService carts) =>
            await carts.SetQuantityAsync(variantId, request.Quantity) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound())
            .WithName("SetCartItemQuantity").WithSummary("Change a line's quantity; 0 removes it.");

        cart.MapDelete("/items/{variantId:guid}", async Task<Results<Ok<CartView>, NotFound>> (Guid variantId, CartService carts) =>
            await carts.RemoveAsync(variantId) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound())
            .WithName("RemoveCartItem");

        cart.MapPost("/coupon", async Task<Ok<CartView>> (CouponCodeRequest request, CartService carts) => TypedResults.Ok(await carts.ApplyCouponAsync(request.Code)))
            .WithName("ApplyCoupon").WithSummary("Use a coupon code; the cart's coupon says whether it applies, and if not, why.");

        cart.MapDelete("/coupon", async Task<Ok<CartView>> (CartService carts) => TypedResults.Ok(await carts.RemoveCouponAsync()))
            .WithName("RemoveCoupon");
    }
}

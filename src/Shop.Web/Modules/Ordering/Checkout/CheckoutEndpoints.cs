using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Platform.Security;
using Shop.Web.Platform.Visitors;

namespace Shop.Web.Modules.Ordering.Checkout;

public static class CheckoutEndpoints
{
    public static void MapCheckoutEndpoints(this RouteGroupBuilder api)
    {
        // Guests check out too: the cart is found by account, cart cookie or X-Cart-Token header.
        var checkout = api.MapGroup("/checkout").WithTags("Checkout").AllowAnonymous().Access(Callers.Anyone, Objects.Own);

        checkout.MapPost("/preview", async Task<Ok<CheckoutPreview>> (CheckoutRequest request, ClaimsPrincipal user, OrderPlacement placement) =>
            TypedResults.Ok(await placement.PreviewAsync(CustomerOf(user), request)))
            .WithName("PreviewCheckout").WithSummary("The order the cart would become for this address and shipping method: lines, tax, shipping options, total.");

        checkout.MapPost("/", async Task<Results<Created<PlacedOrder>, Ok<PlacedOrder>>> (
                CheckoutRequest request, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, HttpContext context, OrderPlacement placement) =>
            {
                var (order, created) = await placement.PlaceAsync(CustomerOf(context.User), request, idempotencyKey, VisitorCookie.Find(context));
                return created ? TypedResults.Created($"/api/v1/orders/{order.Id}", order) : TypedResults.Ok(order);
            })
            .WithName("PlaceOrder")
            .WithSummary("Place the order for the cart. Send an Idempotency-Key header: a retry with the same key returns the same order (200) " +
                "instead of a second one; the same key with a different request is refused (422).");
    }

    private static Guid? CustomerOf(ClaimsPrincipal user) => user.Identity?.IsAuthenticated == true ? user.UserId() : null;
}

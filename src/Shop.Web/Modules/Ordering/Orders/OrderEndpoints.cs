using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using System.ComponentModel.DataAnnotations;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Modules.Payments.Contracts;
using Shop.Web.Platform.Api;
using Shop.Web.Platform.Security;

namespace Shop.Web.Modules.Ordering.Orders;

public sealed class PayRequest
{
    [Required, MaxLength(32)]
    public string Method { get; set; } = "";
}

public static class OrderEndpoints
{
    public static void MapOrderEndpoints(this RouteGroupBuilder api)
    {
        var orders = api.MapGroup("/orders").WithTags("Orders");

        orders.MapGet("/", async Task<Ok<Paged<OrderSummary>>> ([AsParameters] PageRequest page, ClaimsPrincipal user, CustomerOrders customer) =>
            TypedResults.Ok(await customer.ListAsync(user.UserId(), page)))
            .RequireAuthorization().Access(Callers.SignedIn, Objects.Own).WithName("ListMyOrders").WithSummary("The signed-in customer's orders, newest first.");

        // Guests reach their order with the signed access token from the confirmation email.
        orders.MapGet("/{id:guid}", async Task<Results<Ok<OrderDetail>, NotFound>> (Guid id, string? access, ClaimsPrincipal user, CustomerOrders customer) =>
            await customer.GetAsync(Viewer(user, access), id) is { } order ? TypedResults.Ok(order) : TypedResults.NotFound())
            .AllowAnonymous().Access(Callers.Anyone, Objects.Own).WithName("GetOrder").WithSummary("An order with its lines, shipments and timeline (the customer's own, or with ?access= from the email).");

        orders.MapPost("/{id:guid}/cancel", async Task<Results<Ok<OrderDetail>, NotFound>> (Guid id, string? access, ReasonRequest request, ClaimsPrincipal user, CustomerOrders customer) =>
            await customer.CancelAsync(Viewer(user, access), id, request.Reason) && await customer.GetAsync(Viewer(user, access), id) is { } order
                ? TypedResults.Ok(order) : TypedResults.NotFound())
            .AllowAnonymous().Access(Callers.Anyone, Objects.Own).WithName("CancelOrder").WithSummary("Cancel before anything shipped; the stock goes back. Otherwise 409 with the reason.");

        orders.MapPost("/{id:guid}/return", async Task<Results<Ok<OrderDetail>, NotFound>> (Guid id, string? access, ReasonRequest request, ClaimsPrincipal user, CustomerOrders customer) =>
            await customer.RequestReturnAsync(Viewer(user, access), id, request.Reason) && await customer.GetAsync(Viewer(user, access), id) is { } order
                ? TypedResults.Ok(order) : TypedResults.NotFound())
            .AllowAnonymous().Access(Callers.Anyone, Objects.Own).WithName("RequestReturn").WithSummary("Ask to return a delivered order.");

        orders.MapPost("/{id:guid}/payments", PayAsync)
            .AllowAnonymous().Access(Callers.Anyone, Objects.Own).WithName("PayOrder")
            .WithSummary("Start (or retry) paying an unpaid order with an online method; answers where to send the buyer (the provider's hosted page).");
    }

    private static async Task<Results<Created<PaymentStart>, NotFound>> PayAsync(Guid id, string? access, PayRequest request, ClaimsPrincipal user,
        CustomerOrders customer, IPayments payments)
    {
        var viewer = Viewer(user, access);
        if (await customer.GetAsync(viewer, id) is null)
            return TypedResults.NotFound();
        var start = await payments.StartAsync(id, request.Method, CustomerOrders.PagePath(id, viewer));
        return TypedResults.Created(start.RedirectUrl, start);
    }

    private static OrderViewer Viewer(ClaimsPrincipal user, string? access) =>
        new(user.Identity?.IsAuthenticated == true ? user.UserId() : null, access);
}

using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Modules.Ordering.Orders;
using Shop.Web.Modules.Payments.Contracts;
using Shop.Web.Platform.Api;
using Shop.Web.Platform.Security;

namespace Shop.Web.Modules.Ordering.Administration;

public static class AdminOrderEndpoints
{
    public static void MapAdminOrderEndpoints(this RouteGroupBuilder api)
    {
        var orders = api.MapGroup("/admin/orders").WithTags("Admin").RequireAuthorization(Policies.Admin).Access(Callers.Admins);

        orders.MapGet("/", async Task<Ok<Paged<OrderSummary>>> ([AsParameters] AdminOrderFilter filter, [AsParameters] PageRequest page, OrderAdministration admin) =>
            TypedResults.Ok(await admin.ListAsync(filter, page)))
            .WithName("AdminListOrders").WithSummary("All orders, newest first; ?q= an order number or email, ?status= a status.");

        orders.MapGet("/{id:guid}", async Task<Results<Ok<OrderDetail>, NotFound>> (Guid id, OrderAdministration admin) =>
            await admin.GetAsync(id) is { } order ? TypedResults.Ok(order) : TypedResults.NotFound())
            .WithName("AdminGetOrder").WithSummary("An order with its full timeline, internal notes included.");

        orders.MapPost("/{id:guid}/actions", async Task<Results<Ok<OrderDetail>, NotFound>> (Guid id, AdminOrderActionRequest request, ClaimsPrincipal user, OrderAdministration admin) =>
            await admin.ActAsync(id, user.UserId(), request) && await admin.GetAsync(id) is { } order ? TypedResults.Ok(order) : TypedResults.NotFound())
            .WithName("AdminOrderAction").WithSummary("cancel (with a reason), markPaid, acceptReturn (restocks), markRefunded; an illegal step is 409 with the reason.");

        orders.MapPost("/{id:guid}/refunds", async Task<Results<Ok<RefundResult>, NotFound>> (Guid id, RefundRequest request, OrderAdministration admin, IPayments payments) =>
            await admin.GetAsync(id) is null ? TypedResults.NotFound() : TypedResults.Ok(await payments.RefundAsync(id, request.Amount, request.Reason.Trim())))
            .WithName("AdminRefundOrder").WithSummary("Refund part or all of an online payment; refunds together never exceed what was paid (409 otherwise).");

        orders.MapPost("/{id:guid}/fulfillments/{fulfillmentId:guid}/status", async Task<Results<Ok<OrderDetail>, NotFound>> (
                Guid id, Guid fulfillmentId, AdminFulfillmentStepRequest request, ClaimsPrincipal user, OrderAdministration admin) =>
            await admin.AdvanceFulfillmentAsync(id, fulfillmentId, user.UserId(), request) && await admin.GetAsync(id) is { } order ? TypedResults.Ok(order) : TypedResults.NotFound())
            .WithName("AdminAdvanceFulfillment")
            .WithSummary("Move a seller's shipment to shipped (carrier and tracking number required) or delivered for a seller who cannot be reached; the note is required and kept on the timeline.");

        orders.MapPost("/{id:guid}/notes", async Task<Results<Ok<OrderDetail>, NotFound>> (Guid id, OrderNoteRequest request, ClaimsPrincipal user, OrderAdministration admin) =>
            await admin.AddNoteAsync(id, user.UserId(), request.Text) && await admin.GetAsync(id) is { } order ? TypedResults.Ok(order) : TypedResults.NotFound())
            .WithName("AdminAddOrderNote").WithSummary("An internal note on the order's timeline, never shown to the customer.");
    }
}

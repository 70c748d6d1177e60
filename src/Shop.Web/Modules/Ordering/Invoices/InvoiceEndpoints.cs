using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Modules.Ordering.Orders;
using Shop.Web.Platform.Security;

namespace Shop.Web.Modules.Ordering.Invoices;

public static class InvoiceEndpoints
{
    public static void MapInvoiceEndpoints(this WebApplication app)
    {
        // The order page links here; guests pass the access token from their email along.
        app.MapGet("/orders/{id:guid}/invoice.pdf", async Task<Results<FileContentHttpResult, NotFound, ProblemHttpResult>> (
                Guid id, string? access, ClaimsPrincipal user, CustomerOrders orders, InvoiceDocument invoice) =>
            {
                var order = await orders.GetAsync(new OrderViewer(user.Identity?.IsAuthenticated == true ? user.UserId() : null, access), id);
                if (order is null)
                    return TypedResults.NotFound();
                if (!order.HasInvoice)
                    return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "No invoice yet",
                        detail: $"The invoice for order {order.Number} is available once it is paid.");
                return TypedResults.File(invoice.Render(order), "application/pdf", $"invoice-{order.Number}.pdf");
            })
            .AllowAnonymous().Access(Callers.Anyone, Objects.Own).WithName("DownloadInvoice").WithTags("Orders").WithSummary("The paid order's invoice as a PDF.");
    }
}

using System.Security.Claims;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Platform.Security;

namespace Shop.Web.Modules.Ordering.Export;

public static class OrderExportEndpoints
{
    public static void MapOrderExportEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/admin/orders/export", ([AsParameters] OrderExportFilter filter, OrderExport export, HttpContext context) =>
                WriteAsync(filter, null, export, context))
            .RequireAuthorization(Policies.Admin).Access(Callers.Admins).WithTags("Admin")
            .WithName("AdminExportOrders").WithSummary("Orders as CSV, oldest first, streamed; ?from= and ?to= days (yyyy-MM-dd, the shop's calendar), ?status=.");

        api.MapGet("/seller/orders/export", ([AsParameters] OrderExportFilter filter, ClaimsPrincipal user, OrderExport export, HttpContext context) =>
                WriteAsync(filter, user.UserId(), export, context))
            .RequireAuthorization(Policies.Seller).Access(Callers.Sellers, Objects.Own).WithTags("Seller")
            .WithName("SellerExportOrders").WithSummary("The orders holding the seller's items as CSV, with the seller's own items and amount, streamed; the same filters.");
    }

    private static async Task WriteAsync(OrderExportFilter filter, Guid? sellerId, OrderExport export, HttpContext context)
    {
        var orders = export.Select(filter, sellerId);
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"orders-{DateTime.UtcNow:yyyyMMdd}.csv\"";
        await using var writer = new StreamWriter(context.Response.Body, new System.Text.UTF8Encoding(false));
        await export.WriteAsync(orders, sellerId, writer, context.RequestAborted);
    }
}

using System.Security.Claims;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Platform.Api;
using Shop.Web.Platform.Security;

namespace Shop.Web.Modules.Ordering.Export;

public static class OrderExportEndpoints
{
    private const string Filters = "?from= and ?to= days (yyyy-MM-dd, the shop's calendar), ?status=";

    public static void MapOrderExportEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/admin/orders/export", ([AsParameters] OrderExportFilter filter, OrderExport export, HttpContext context) =>
                CsvDownload.SendAsync(context, "orders", export.OrdersAsync(export.Select(filter, null), context.RequestAborted)))
            .RequireAuthorization(Policies.Admin).Access(Callers.Admins).WithTags("Admin")
            .WithName("AdminExportOrders").WithSummary($"Orders as CSV, oldest first, streamed; {Filters}, ?seller= (the orders holding a seller's items).");

        api.MapGet("/admin/orders/lines/export", ([AsParameters] OrderExportFilter filter, OrderExport export, HttpContext context) =>
                CsvDownload.SendAsync(context, "order-lines", export.LinesAsync(export.Select(filter, null), context.RequestAborted)))
            .RequireAuthorization(Policies.Admin).Access(Callers.Admins).WithTags("Admin")
            .WithName("AdminExportOrderLines").WithSummary($"One CSV row per order line with its seller and fulfilment, streamed; {Filters}, ?seller=.");

        api.MapGet("/seller/orders/export", ([AsParameters] OrderExportFilter filter, ClaimsPrincipal user, OrderExport export, HttpContext context) =>
                CsvDownload.SendAsync(context, "orders", export.SellerOrdersAsync(export.Select(filter, user.UserId()), user.UserId(), context.RequestAborted)))
            .RequireAuthorization(Policies.Seller).Access(Callers.Sellers, Objects.Own).WithTags("Seller")
            .WithName("SellerExportOrders").WithSummary($"The orders holding the seller's items as CSV, with the seller's own items and amount, streamed; {Filters}.");

        api.MapGet("/seller/orders/lines/export", ([AsParameters] OrderExportFilter filter, ClaimsPrincipal user, OrderExport export, HttpContext context) =>
                CsvDownload.SendAsync(context, "order-lines", export.LinesAsync(export.Select(filter, user.UserId()), context.RequestAborted)))
            .RequireAuthorization(Policies.Seller).Access(Callers.Sellers, Objects.Own).WithTags("Seller")
            .WithName("SellerExportOrderLines").WithSummary($"The seller's own order lines as CSV, one row each, streamed; {Filters}.");
    }
}

using System.ComponentModel.DataAnnotations;
using Shop.Web.Modules.Ordering.Data;
using Shop.Web.Platform.Api;
using Shop.Web.Platform.Database;

namespace Shop.Web.Modules.Ordering.Orders;

public sealed class ReasonRequest
{
    [Required, MaxLength(500)]
    public string Reason { get; set; } = "";
}

/// <summary>Who may see an order: the customer who placed it, or whoever holds the signed link from its email.</summary>
public sealed record OrderViewer(Guid? CustomerId, string? AccessToken);

/// <summary>A customer's orders: history, detail with timeline, cancelling before shipping, asking to return after delivery.</summary>
public sealed class CustomerOrders(ShopDbContext db, OrderStore store, OrderAccess access)
{
    public async Task<Paged<OrderSummary>> ListAsync(Guid customerId, PageRequest page) =>
        await store.Orders.Where(o => o.CustomerId == customerId).OrderByDescending(o => o.PlacedAt)
            .Select(o => new OrderSummary(o.Id, o.Number, o.Status, o.PlacedAt, o.Total, o.Currency, o.Lines.Sum(l => l.Quantity), o.Email))
            .ToPagedAsync(page);

    public async Task<OrderDetail?> GetAsync(OrderViewer viewer, Guid orderId) =>
        await store.LoadAsync(orderId) is { } order && MaySee(viewer, order) ? await store.DetailAsync(order, includeInternal: false) : null;

    public Task<bool> CancelAsync(OrderViewer viewer, Guid orderId, string reason) => db.InTransactionAsync(() =>
        store.ChangeAsync(orderId, order => MaySee(viewer, order), (order, now) => store.CancelAsync(order, reason, viewer.CustomerId, now)));

    public Task<bool> RequestReturnAsync(OrderViewer viewer, Guid orderId, string reason) => db.InTransactionAsync(() =>
        store.ChangeAsync(orderId, order => MaySee(viewer, order), (order, now) =>
        {
            order.RequestReturn(reason, viewer.CustomerId, now, store.ReturnWindow);
            return Task.CompletedTask;
        }));

    /// <summary>The order page as this viewer reaches it (guests keep their access token).</summary>
    public static string PagePath(Guid orderId, OrderViewer viewer) =>
        viewer.AccessToken is { Length: > 0 } token ? $"/orders/{orderId}?access={Uri.EscapeDataString(token)}" : $"/orders/{orderId}";

    private bool MaySee(OrderViewer viewer, Order order) =>
        (viewer.CustomerId is { } customerId && order.CustomerId == customerId) || access.Allows(viewer.AccessToken, order.Id);
}

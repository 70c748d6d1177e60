using System.ComponentModel.DataAnnotations;
using Shop.Web.Modules.Inventory.Contracts;
using Shop.Web.Modules.Ordering.Contracts;
using Shop.Web.Modules.Ordering.Orders;
using Shop.Web.Platform.Api;

namespace Shop.Web.Modules.Ordering.Administration;

public sealed class AdminOrderFilter
{
    /// <summary>Part of the order number, or the buyer's email.</summary>
    [MaxLength(256)]
    public string? Q { get; init; }

    /// <summary>pendingPayment, paid, processing, shipped, delivered, cancelled, returnRequested, returned or refunded.</summary>
    [MaxLength(32)]
    public string? Status { get; init; }
}

public enum AdminOrderAction
{
    Cancel,
    MarkPaid,
    AcceptReturn,
    MarkRefunded,
}

public sealed class AdminOrderActionRequest
{
    [Required]
    public AdminOrderAction? Action { get; set; }

    /// <summary>Why (required to cancel).</summary>
    [MaxLength(500)]
    public string? Reason { get; set; }
}

public sealed class RefundRequest
{
    [Range(typeof(decimal), "0.01", "100000000")]
    public decimal Amount { get; set; }

    [Required, MaxLength(300)]
    public string Reason { get; set; } = "";
}

public sealed class OrderNoteRequest
{
    [Required, MaxLength(1000)]
    public string Text { get; set; } = "";
}

/// <summary>All orders, as admins search, inspect and move them along.</summary>
public sealed class OrderAdministration(OrderStore store, IInventory inventory)
{
    public async Task<Paged<OrderSummary>> ListAsync(AdminOrderFilter filter, PageRequest page)
    {
        var orders = store.Orders;
        if (QueryEnum.Parse<OrderStatus>(filter.Status, nameof(filter.Status)) is { } status)
            orders = orders.Where(o => o.Status == status);
        if (filter.Q?.Trim() is { Length: > 0 } q)
            orders = orders.Where(o => o.Number.Contains(q.ToUpperInvariant()) || o.Email == q.ToLowerInvariant());
        return await orders.OrderByDescending(o => o.PlacedAt)
            .Select(o => new OrderSummary(o.Id, o.Number, o.Status, o.PlacedAt, o.Total, o.Currency, o.Lines.Sum(l => l.Quantity), o.Email))
            .ToPagedAsync(page);
    }

    public async Task<OrderDetail?> GetAsync(Guid orderId) =>
        await store.LoadAsync(orderId) is { } order ? await store.DetailAsync(order, includeInternal: true) : null;

    public Task<bool> ActAsync(Guid orderId, Guid adminId, AdminOrderActionRequest request) =>
        store.ChangeAsync(orderId, _ => true, async (order, now) =>
        {
            switch (request.Action)
            {
                case AdminOrderAction.Cancel:
                    if (string.IsNullOrWhiteSpace(request.Reason))
                        throw new Platform.Errors.InputValidationException(nameof(request.Reason), "Say why the order is cancelled; the customer is told.");
                    await store.CancelAsync(order, request.Reason.Trim(), adminId, now);
                    break;
                case AdminOrderAction.MarkPaid:
                    order.MarkPaid(adminId, now);
                    break;
                case AdminOrderAction.AcceptReturn:
                    order.AcceptReturn(adminId, now);
                    await inventory.RestockAsync(order.Lines.Select(l => new StockLine(l.VariantId, l.Quantity)).ToList(), order.Number);
                    break;
                case AdminOrderAction.MarkRefunded:
                    order.MarkRefunded(adminId, now);
                    break;
            }
        });

    public Task<bool> AddNoteAsync(Guid orderId, Guid adminId, string text) =>
        store.ChangeAsync(orderId, _ => true, (order, now) =>
        {
            order.AddNote(text.Trim(), adminId, now);
            return Task.CompletedTask;
        });
}

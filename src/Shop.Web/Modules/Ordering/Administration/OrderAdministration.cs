using System.ComponentModel.DataAnnotations;
using Shop.Web.Modules.Inventory.Contracts;
using Shop.Web.Modules.Ordering.Contracts;
using Shop.Web.Modules.Ordering.Orders;
using Shop.Web.Modules.Ordering.SellerOrders;
using Shop.Web.Modules.Payments.Contracts;
using Shop.Web.Platform.Api;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Storefront;

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

/// <summary>An admin moves a seller's shipment on (to shipped or delivered) for a seller who cannot be reached.</summary>
public sealed class AdminFulfillmentStepRequest : FulfillmentStepRequest
{
    /// <summary>Why an admin acts for the seller; kept on the order's timeline.</summary>
    [Required, MaxLength(500)]
    public string Note { get; set; } = "";
}

public sealed class OrderNoteRequest
{
    [Required, MaxLength(1000)]
    public string Text { get; set; } = "";
}

/// <summary>All orders, as admins search, inspect and move them along.</summary>
public sealed class OrderAdministration(ShopDbContext db, OrderStore store, IInventory inventory, IPayments payments, Money money)
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

    public async Task<bool> ActAsync(Guid orderId, Guid adminId, AdminOrderActionRequest request)
    {
        // Money taken online goes back through its provider, so the payment's figures and the order agree; the order follows the provider's refund.
        if (request.Action == AdminOrderAction.MarkRefunded && await payments.RefundStateAsync(orderId) is { Refundable: > 0 } online)
        {
            if (await store.LoadAsync(orderId) is not { } returned)
                return false;
            returned.EnsureRefundable();
            await payments.RefundAsync(orderId, online.Refundable, string.IsNullOrWhiteSpace(request.Reason) ? "the return was accepted" : request.Reason.Trim());
            return true;
        }
        return await db.InTransactionAsync(() => store.ChangeAsync(orderId, _ => true, async (order, now) =>
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
                    order.MarkRefunded(adminId, money.Show, now);
                    break;
            }
        }));
    }

    /// <summary>Moves a seller's shipment to shipped or delivered for the seller, with the admin's reason on the timeline; false when the order has no such shipment.</summary>
    public Task<bool> AdvanceFulfillmentAsync(Guid orderId, Guid fulfillmentId, Guid adminId, AdminFulfillmentStepRequest request)
    {
        var noteMissing = string.IsNullOrWhiteSpace(request.Note) || request.Note.Length > 500;
        if (request.Status is not (FulfillmentStatus.Shipped or FulfillmentStatus.Delivered) || noteMissing)
            throw new Platform.Errors.InputValidationException(new Dictionary<string, string[]>
            {
                [nameof(request.Status)] = request.Status is FulfillmentStatus.Shipped or FulfillmentStatus.Delivered ? [] : ["Choose shipped or delivered."],
                [nameof(request.Note)] = noteMissing ? ["Say in at most 500 characters why you act for the seller; the note is kept on the timeline."] : [],
            }.Where(e => e.Value.Length > 0).ToDictionary());
        var to = request.Status.Value;
        return db.InTransactionAsync(() => store.ChangeAsync(orderId, order => order.Fulfillments.Any(f => f.Id == fulfillmentId), async (order, now) =>
        {
            await store.AdvanceAsync(order, fulfillmentId, to, request.Carrier, request.TrackingNumber, adminId, now);
            order.AddNote($"Marked {to.ToString().ToLowerInvariant()} by an admin for the seller: {request.Note.Trim()}", adminId, now, fulfillmentId);
        }));
    }

    public Task<bool> AddNoteAsync(Guid orderId, Guid adminId, string text) => db.InTransactionAsync(() =>
        store.ChangeAsync(orderId, _ => true, (order, now) =>
        {
            order.AddNote(text.Trim(), adminId, now);
            return Task.CompletedTask;
        }));
}

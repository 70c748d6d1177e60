using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Modules.Ordering.Contracts;
using Shop.Web.Modules.Ordering.Data;
using Shop.Web.Modules.Ordering.Orders;
using Shop.Web.Platform.Api;
using Shop.Web.Platform.Database;

namespace Shop.Web.Modules.Ordering.SellerOrders;

public sealed class FulfillmentFilter
{
    /// <summary>pending, processing, shipped, delivered or cancelled.</summary>
    [MaxLength(32)]
    public string? Status { get; init; }
}

public class FulfillmentStepRequest
{
    /// <summary>processing, shipped or delivered.</summary>
    [Required]
    public FulfillmentStatus? Status { get; set; }

    /// <summary>Required to mark shipped.</summary>
    [MaxLength(100)]
    public string? Carrier { get; set; }

    /// <summary>Required to mark shipped.</summary>
    [MaxLength(100)]
    public string? TrackingNumber { get; set; }
}

public sealed record SellerFulfillmentSummary(Guid Id, Guid OrderId, string OrderNumber, FulfillmentStatus Status, OrderStatus OrderStatus, DateTimeOffset PlacedAt,
    string CustomerName, int ItemCount, decimal Total, string Currency);

/// <summary>A seller's part of an order: its own lines only, where they go, and what has happened to them.</summary>
public sealed record SellerFulfillment(
    Guid Id, Guid OrderId, string OrderNumber, FulfillmentStatus Status, OrderStatus OrderStatus, bool ReadyToFulfil, DateTimeOffset PlacedAt,
    string CustomerName, PostalAddress ShippingAddress, string ShippingMethod, string PaymentMethod, string? Carrier, string? TrackingNumber,
    IReadOnlyList<OrderLineView> Lines, IReadOnlyList<TimelineEntry> Timeline, bool PricesIncludeTax)
{
    /// <summary>The money of the seller's own lines; shipping belongs to the whole order.</summary>
    public Components.OrderTotals Totals() =>
        new(Lines.Sum(l => l.Subtotal), Lines.Sum(l => l.Discount), null, null, null, Lines.Sum(l => l.Tax), PricesIncludeTax, Lines.Sum(l => l.Total));
}

/// <summary>What sellers see and do with the orders that contain their products: nothing of other sellers' parts.</summary>
public sealed class SellerFulfillments(ShopDbContext db, OrderStore store)
{
    public async Task<Paged<SellerFulfillmentSummary>> ListAsync(Guid sellerId, FulfillmentFilter filter, PageRequest page)
    {
        var status = QueryEnum.Parse<FulfillmentStatus>(filter.Status, nameof(filter.Status));
        return await (from f in db.Set<Fulfillment>().AsNoTracking()
               join o in db.Set<Order>().AsNoTracking() on f.OrderId equals o.Id
               where f.SellerId == sellerId && (status == null || f.Status == status)
               orderby o.PlacedAt descending
               select new SellerFulfillmentSummary(f.Id, o.Id, o.Number, f.Status, o.Status, o.PlacedAt, o.CustomerName,
                   o.Lines.Where(l => l.FulfillmentId == f.Id).Sum(l => l.Quantity), o.Lines.Where(l => l.FulfillmentId == f.Id).Sum(l => l.Total), o.Currency))
            .ToPagedAsync(page);
    }

    public async Task<SellerFulfillment?> GetAsync(Guid sellerId, Guid fulfillmentId)
    {
        var orderId = await OrderOfAsync(sellerId, fulfillmentId);
        if (orderId is null || await store.LoadAsync(orderId.Value) is not { } order)
            return null;
        var fulfillment = order.Fulfillments.Single(f => f.Id == fulfillmentId);
        var detail = await store.DetailAsync(order, includeInternal: false);
        return new SellerFulfillment(fulfillment.Id, order.Id, order.Number, fulfillment.Status, order.Status, order.IsReadyToFulfil, order.PlacedAt,
            order.CustomerName, detail.ShippingAddress, order.ShippingMethodName, order.PaymentMethod, fulfillment.Carrier, fulfillment.TrackingNumber,
            detail.Lines.Where(l => l.FulfillmentId == fulfillmentId).ToList(),
            detail.Timeline.Where(e => e.FulfillmentId is null || e.FulfillmentId == fulfillmentId).ToList(), order.PricesIncludeTax);
    }

    /// <summary>Moves the seller's part on; shipping takes its items out of stock. False when the seller has no such fulfilment.</summary>
    public async Task<bool> AdvanceAsync(Guid sellerId, Guid fulfillmentId, FulfillmentStepRequest request)
    {
        var orderId = await OrderOfAsync(sellerId, fulfillmentId);
        return orderId is not null && await db.InTransactionAsync(() => store.ChangeAsync(orderId.Value, _ => true,
            (order, now) => store.AdvanceAsync(order, fulfillmentId, request.Status!.Value, request.Carrier, request.TrackingNumber, sellerId, now)));
    }

    private Task<Guid?> OrderOfAsync(Guid sellerId, Guid fulfillmentId) =>
        db.Set<Fulfillment>().Where(f => f.Id == fulfillmentId && f.SellerId == sellerId).Select(f => (Guid?)f.OrderId).SingleOrDefaultAsync();
}

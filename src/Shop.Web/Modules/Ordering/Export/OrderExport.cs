using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using CsvHelper.Configuration.Attributes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Modules.Ordering.Contracts;
using Shop.Web.Modules.Ordering.Data;
using Shop.Web.Modules.Storefront.Contracts;
using Shop.Web.Platform.Api;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Errors;

namespace Shop.Web.Modules.Ordering.Export;

/// <summary>Which orders an export holds: placed from and to days (the shop's calendar, both included), a status, and (for admins) a seller.</summary>
public sealed record OrderExportFilter(string? From, string? To, string? Status, string? Seller);

/// <summary>
/// Orders and order lines as CSV rows, oldest first, read page by page along (placed_at, id) so a million
/// orders pass through without being held, and the first rows leave before the last are read.
/// </summary>
public sealed class OrderExport(ShopDbContext db, IOptions<StorefrontSettings> store, ISellerDirectory sellers)
{
    private const int PageSize = 1000;

    /// <summary>A status by its snake_case name (return_requested) or its plain one (ReturnRequested), in any case.</summary>
    private static readonly Dictionary<string, OrderStatus> Statuses = Enum.GetValues<OrderStatus>()
        .SelectMany(s => new[] { (Name: SnakeCaseNames.ToSnakeCase(s.ToString()), Status: s), (Name: s.ToString().ToLowerInvariant(), Status: s) })
        .DistinctBy(p => p.Name).ToDictionary(p => p.Name, p => p.Status);

    /// <summary>The orders to export (a seller's: those holding its items); a malformed filter is refused here, before anything is written.</summary>
    public OrderSelection Select(OrderExportFilter filter, Guid? sellerId)
    {
        var errors = new Dictionary<string, string[]>();
        var from = DayField.Parse(filter.From, "from", errors);
        var to = DayField.Parse(filter.To, "to", errors);
        if (from is not null && to is not null && to < from)
            errors["to"] = ["The last day comes before the first."];
        var status = StatusOf(filter.Status, errors);
        if (!string.IsNullOrWhiteSpace(filter.Seller) && sellerId is null)
        {
            if (Guid.TryParse(filter.Seller.Trim(), out var chosen))
                sellerId = chosen;
            else
                errors["seller"] = ["Give the seller's id."];
        }
        if (errors.Count > 0)
            throw new InputValidationException(errors);

        var orders = db.Set<Order>().AsNoTracking();
        if (from is { } first)
        {
            var start = store.Value.StartOf(first);
            orders = orders.Where(o => o.PlacedAt >= start);
        }
        if (to is { } lastDay)
        {
            var end = store.Value.StartOf(lastDay.AddDays(1));
            orders = orders.Where(o => o.PlacedAt < end);
        }
        if (status is { } s)
            orders = orders.Where(o => o.Status == s);
        return new OrderSelection(sellerId is { } seller ? orders.Where(o => o.Fulfillments.Any(f => f.SellerId == seller)) : orders, sellerId);
    }

    /// <summary>Every order with its customer and amounts, for admins.</summary>
    public IAsyncEnumerable<IReadOnlyList<OrderRow>> OrdersAsync(OrderSelection selection, CancellationToken cancellationToken) =>
        PagesAsync(selection.Orders, PageSize, o => new OrderRow(o.Id, o.Number, o.PlacedAt, o.Status, o.Email, o.PaymentMethod,
            o.Lines.Sum(l => l.Quantity), o.Subtotal, o.Discount, o.Tax, o.Shipping, o.Total, o.Currency), cancellationToken);

    /// <summary>The orders holding a seller's items, with only that seller's items and their amount.</summary>
    public IAsyncEnumerable<IReadOnlyList<SellerOrderRow>> SellerOrdersAsync(OrderSelection selection, Guid sellerId, CancellationToken cancellationToken) =>
        PagesAsync(selection.Orders, PageSize, o => new SellerOrderRow(o.Id, o.Number, o.PlacedAt, o.Status,
            o.Lines.Where(l => l.SellerId == sellerId).Sum(l => l.Quantity), o.Lines.Where(l => l.SellerId == sellerId).Sum(l => l.Total), o.Currency), cancellationToken);

    /// <summary>One row per line of the orders (only the chosen seller's lines, if one is), with the seller's shop name.</summary>
    public async IAsyncEnumerable<IReadOnlyList<OrderLineRow>> LinesAsync(OrderSelection selection, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var sellerId = selection.SellerId;
        var shopNames = new Dictionary<Guid, string>();
        await foreach (var heads in PagesAsync(selection.Orders, PageSize / 2, o => new OrderHead(o.Id, o.PlacedAt, o.Number, o.Status, o.Currency), cancellationToken))
        {
            var ids = heads.Select(h => h.Id).ToList();
            var lines = await db.Set<OrderLine>().AsNoTracking()
                .Where(l => ids.Contains(l.OrderId) && (sellerId == null || l.SellerId == sellerId))
                .Join(db.Set<Fulfillment>(), l => l.FulfillmentId, f => f.Id, (l, f) => new { Line = l, f.Status })
                .ToListAsync(cancellationToken);
            var unnamed = lines.Select(l => l.Line.SellerId).Where(s => !shopNames.ContainsKey(s)).Distinct().ToList();
            if (unnamed.Count > 0)
            {
                var found = await sellers.FindAsync(unnamed);
                foreach (var seller in unnamed)
                    shopNames[seller] = found.GetValueOrDefault(seller)?.ShopName ?? "";
            }
            var byOrder = lines.ToLookup(l => l.Line.OrderId);
            yield return heads.SelectMany(h => byOrder[h.Id].OrderBy(l => l.Line.SellerId).ThenBy(l => l.Line.Sku).Select(l => new OrderLineRow(
                h.Number, h.PlacedAt, h.Status, shopNames[l.Line.SellerId], l.Status, l.Line.Sku, l.Line.ProductTitle, l.Line.VariantLabel,
                l.Line.Quantity, l.Line.UnitPrice, l.Line.Subtotal, l.Line.Discount, l.Line.TaxPercent, l.Line.Tax, l.Line.Total, h.Currency))).ToList();
        }
    }

    /// <summary>Orders in pages of <paramref name="size"/>, each page resuming after the last (placed_at, id) read, on ix_orders_placed_at_id.</summary>
    private static async IAsyncEnumerable<IReadOnlyList<TRow>> PagesAsync<TRow>(IQueryable<Order> orders, int size, Expression<Func<Order, TRow>> select,
        [EnumeratorCancellation] CancellationToken cancellationToken) where TRow : IOrderKey
    {
        (DateTimeOffset PlacedAt, Guid Id)? after = null;
        while (true)
        {
            var page = orders;
            if (after is { } last)
                page = page.Where(o => EF.Functions.GreaterThan(ValueTuple.Create(o.PlacedAt, o.Id), ValueTuple.Create(last.PlacedAt, last.Id)));
            var rows = await page.OrderBy(o => o.PlacedAt).ThenBy(o => o.Id).Take(size).Select(select).ToListAsync(cancellationToken);
            if (rows.Count == 0)
                yield break;
            yield return rows;
            after = (rows[^1].PlacedAt, rows[^1].Id);
        }
    }

    private static OrderStatus? StatusOf(string? text, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        if (Statuses.TryGetValue(text.Trim().ToLowerInvariant(), out var found))
            return found;
        errors["status"] = [$"Choose one of {string.Join(", ", Enum.GetValues<OrderStatus>().Select(s => SnakeCaseNames.ToSnakeCase(s.ToString())))}."];
        return null;
    }

    private sealed record OrderHead(Guid Id, DateTimeOffset PlacedAt, string Number, OrderStatus Status, string Currency) : IOrderKey;
}

/// <summary>The orders an export holds and the seller it is narrowed to, if any.</summary>
public sealed record OrderSelection(IQueryable<Order> Orders, Guid? SellerId);

/// <summary>Where a page of orders ends, for the next one to resume after.</summary>
public interface IOrderKey
{
    Guid Id { get; }
    DateTimeOffset PlacedAt { get; }
}

public sealed record OrderRow([property: Ignore] Guid Id, string Number, DateTimeOffset PlacedAt, OrderStatus Status, string Email, string PaymentMethod,
    int Items, decimal Subtotal, decimal Discount, decimal Tax, decimal Shipping, decimal Total, string Currency) : IOrderKey;

public sealed record SellerOrderRow([property: Ignore] Guid Id, string Number, DateTimeOffset PlacedAt, OrderStatus Status, int Items, decimal Total, string Currency) : IOrderKey;

public sealed record OrderLineRow(string OrderNumber, DateTimeOffset PlacedAt, OrderStatus OrderStatus, string Seller, FulfillmentStatus FulfillmentStatus,
    string Sku, string Product, string Variant, int Quantity, decimal UnitPrice, decimal Subtotal, decimal Discount, decimal TaxPercent, decimal Tax, decimal Total, string Currency);

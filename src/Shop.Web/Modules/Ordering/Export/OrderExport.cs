using System.Globalization;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Shop.Web.Modules.Ordering.Contracts;
using Shop.Web.Modules.Ordering.Data;
using Shop.Web.Modules.Storefront.Contracts;
using Shop.Web.Platform.Api;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Errors;

namespace Shop.Web.Modules.Ordering.Export;

/// <summary>Which orders an export holds: placed from and to days (the shop's calendar, both included), and a status.</summary>
public sealed record OrderExportFilter(string? From, string? To, string? Status);

/// <summary>
/// Orders as CSV, oldest first, written page by page along (placed_at, id) so a million rows pass through
/// without being held, and the first rows leave before the last are read.
/// </summary>
public sealed class OrderExport(ShopDbContext db, IOptions<StorefrontSettings> store)
{
    private const int PageSize = 1000;

    private static readonly CsvHelper.Configuration.CsvConfiguration Csv = new(CultureInfo.InvariantCulture) { NewLine = "\n" };

    /// <summary>A status by its snake_case name (return_requested) or its plain one (ReturnRequested), in any case.</summary>
    private static readonly Dictionary<string, OrderStatus> Statuses = Enum.GetValues<OrderStatus>()
        .SelectMany(s => new[] { (Name: SnakeCaseNames.ToSnakeCase(s.ToString()), Status: s), (Name: s.ToString().ToLowerInvariant(), Status: s) })
        .DistinctBy(p => p.Name).ToDictionary(p => p.Name, p => p.Status);

    /// <summary>The orders to export (a seller's: those holding its items); a malformed filter is refused here, before anything is written.</summary>
    public IQueryable<Order> Select(OrderExportFilter filter, Guid? sellerId)
    {
        var orders = Filtered(filter);
        return sellerId is { } seller ? orders.Where(o => o.Fulfillments.Any(f => f.SellerId == seller)) : orders;
    }

    public async Task WriteAsync(IQueryable<Order> orders, Guid? sellerId, TextWriter writer, CancellationToken cancellationToken)
    {
        await writer.WriteAsync(sellerId is null
            ? "number,placed_at,status,email,payment_method,items,subtotal,discount,tax,shipping,total,currency\n"
            : "number,placed_at,status,items,total,currency\n");
        (DateTimeOffset PlacedAt, Guid Id)? after = null;
        while (true)
        {
            var page = orders;
            if (after is { } last)
                page = page.Where(o => o.PlacedAt > last.PlacedAt || (o.PlacedAt == last.PlacedAt && o.Id.CompareTo(last.Id) > 0));
            var rows = await page.OrderBy(o => o.PlacedAt).ThenBy(o => o.Id).Take(PageSize)
                .Select(o => new Row(o.Id, o.Number, o.PlacedAt, o.Status, o.Email, o.PaymentMethod, o.Currency, o.Subtotal, o.Discount, o.Tax, o.Shipping, o.Total,
                    o.Lines.Where(l => sellerId == null || l.SellerId == sellerId).Sum(l => l.Quantity),
                    o.Lines.Where(l => sellerId == null || l.SellerId == sellerId).Sum(l => l.Total)))
                .ToListAsync(cancellationToken);
            if (rows.Count == 0)
                break;
            // CsvHelper writes synchronously: each page goes through memory, then to the response asynchronously.
            using var buffer = new StringWriter(CultureInfo.InvariantCulture);
            using (var csv = new CsvWriter(buffer, Csv, leaveOpen: true))
            {
                foreach (var row in rows)
                    WriteRow(csv, row, sellerId is null);
            }
            await writer.WriteAsync(buffer.ToString().AsMemory(), cancellationToken);
            await writer.FlushAsync(cancellationToken);
            after = (rows[^1].PlacedAt, rows[^1].Id);
        }
    }

    private static void WriteRow(CsvWriter csv, Row row, bool everything)
    {
        csv.WriteField(row.Number);
        csv.WriteField(row.PlacedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        csv.WriteField(SnakeCaseNames.ToSnakeCase(row.Status.ToString()));
        if (everything)
        {
            csv.WriteField(row.Email);
            csv.WriteField(row.PaymentMethod);
            csv.WriteField(row.Units);
            foreach (var amount in new[] { row.Subtotal, row.Discount, row.Tax, row.Shipping, row.Total })
                csv.WriteField(amount.ToString("0.00", CultureInfo.InvariantCulture));
        }
        else
        {
            csv.WriteField(row.Units);
            csv.WriteField(row.LinesTotal.ToString("0.00", CultureInfo.InvariantCulture));
        }
        csv.WriteField(row.Currency);
        csv.NextRecord();
    }

    private IQueryable<Order> Filtered(OrderExportFilter filter)
    {
        var errors = new Dictionary<string, string[]>();
        var from = DayField.Parse(filter.From, "from", errors);
        var to = DayField.Parse(filter.To, "to", errors);
        OrderStatus? status = null;
        if (!string.IsNullOrWhiteSpace(filter.Status))
        {
            if (Statuses.TryGetValue(filter.Status.Trim().ToLowerInvariant(), out var found))
                status = found;
            else
                errors["status"] = [$"Choose one of {string.Join(", ", Enum.GetValues<OrderStatus>().Select(s => SnakeCaseNames.ToSnakeCase(s.ToString())))}."];
        }
        if (from is not null && to is not null && to < from)
            errors["to"] = ["The last day comes before the first."];
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
        return orders;
    }

    private sealed record Row(Guid Id, string Number, DateTimeOffset PlacedAt, OrderStatus Status, string Email, string PaymentMethod, string Currency,
        decimal Subtotal, decimal Discount, decimal Tax, decimal Shipping, decimal Total, int Units, decimal LinesTotal);
}

using Dapper;
using Npgsql;

namespace Shop.Tests.Analytics;

/// <summary>
/// The sales figures counted straight from the order, line, event and refund tables, as an accountant
/// would: a cancelled order was never a sale (nor were refunds of it), returned goods are not units sold,
/// money goes back on the day it is refunded, and an order refunded by hand gives back what online refunds
/// had not. Refunds are shared among an order's lines by their value, the largest line taking the rounding.
/// </summary>
public sealed class SalesRecount
{
    public sealed record Sales(decimal Gross, decimal Refunds, long Units, long Orders)
    {
        public decimal Net => Gross - Refunds;
    }

    private sealed record OrderRow(Guid Id, Guid? CustomerId, string Email, string PaymentMethod, string Status, decimal Total, DateTime PlacedAt,
        DateTime? CancelledAt, DateTime? ReturnedAt, DateTime? RefundedByHandAt);

    private sealed record LineRow(Guid OrderId, Guid ProductId, Guid SellerId, Guid? CategoryId, int Quantity, decimal Total);

    private sealed record RefundRow(Guid OrderId, decimal Amount, DateTime RefundedAt);

    /// <summary>A fact of one line on one day: sold (on the day ordered) or refunded (on the day the money went back).</summary>
    private sealed record LineFact(DateOnly Day, Guid OrderId, LineRow Line, decimal Gross, decimal Refund, int Units, bool Sold);

    private readonly List<OrderRow> orders;
    private readonly List<LineFact> facts = [];
    private readonly Func<DateTime, DateOnly> dayOf;

    private SalesRecount(List<OrderRow> orders, List<LineRow> lines, List<RefundRow> refunds, Func<DateTimeOffset, DateOnly> dayOf)
    {
        this.orders = orders;
        this.dayOf = utc => dayOf(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)));
        var linesOf = lines.ToLookup(l => l.OrderId);
        var refundsOf = refunds.ToLookup(r => r.OrderId);
        foreach (var order in orders.Where(o => o.CancelledAt is null))
        {
            var orderLines = linesOf[order.Id].ToList();
            foreach (var line in orderLines)
                facts.Add(new LineFact(this.dayOf(order.PlacedAt), order.Id, line, line.Total, 0, order.ReturnedAt is null ? line.Quantity : 0, Sold: true));
            foreach (var refund in refundsOf[order.Id])
                Share(order, orderLines, refund.Amount, refund.RefundedAt);
            if (order.RefundedByHandAt is { } byHandAt)
            {
                var byHand = order.Total - refundsOf[order.Id].Where(r => r.RefundedAt <= byHandAt).Sum(r => r.Amount);
                if (byHand > 0)
                    Share(order, orderLines, byHand, byHandAt);
            }
        }
    }

    public static async Task<SalesRecount> ReadAsync(string connectionString, Func<DateTimeOffset, DateOnly> dayOf)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        var orders = (await connection.QueryAsync<OrderRow>("""
            SELECT o.id, o.customer_id AS customerid, o.email, o.payment_method AS paymentmethod, o.status, o.total, o.placed_at AS placedat,
                   (SELECT min(created_at) FROM ordering.order_events e WHERE e.order_id = o.id AND e.kind = 'cancelled') AS cancelledat,
                   (SELECT min(created_at) FROM ordering.order_events e WHERE e.order_id = o.id AND e.kind = 'returned') AS returnedat,
                   (SELECT min(created_at) FROM ordering.order_events e WHERE e.order_id = o.id AND e.kind = 'refunded') AS refundedbyhandat
              FROM ordering.orders o
            """)).ToList();
        var lines = (await connection.QueryAsync<LineRow>(
            "SELECT order_id AS orderid, product_id AS productid, seller_id AS sellerid, category_id AS categoryid, quantity, total FROM ordering.order_lines ORDER BY order_id, id")).ToList();
        var refunds = (await connection.QueryAsync<RefundRow>("SELECT order_id AS orderid, amount, refunded_at AS refundedat FROM payments.refunds")).ToList();
        return new SalesRecount(orders, lines, refunds, dayOf);
    }

    public int OrderCount => orders.Count;

    public int CancelledCount => orders.Count(o => o.CancelledAt is not null);

    public int RefundedByHandCount => orders.Count(o => o.RefundedByHandAt is not null);

    /// <summary>Sales in the days, of one seller when given.</summary>
    public Sales Of(DateOnly from, DateOnly to, Guid? sellerId = null) => Total(In(from, to).Where(f => sellerId is null || f.Line.SellerId == sellerId));

    public IReadOnlyDictionary<Guid, Sales> BySeller(DateOnly from, DateOnly to) =>
        In(from, to).GroupBy(f => f.Line.SellerId).ToDictionary(g => g.Key, Total);

    public IReadOnlyDictionary<Guid, Sales> ByProduct(DateOnly from, DateOnly to, Guid? sellerId = null) =>
        In(from, to).Where(f => sellerId is null || f.Line.SellerId == sellerId).GroupBy(f => f.Line.ProductId).ToDictionary(g => g.Key, Total);

    /// <summary>Sales by the category <paramref name="group"/> puts each line's category in (its top-level one, say).</summary>
    public IReadOnlyDictionary<Guid, Sales> ByCategory(DateOnly from, DateOnly to, Func<Guid?, Guid> group) =>
        In(from, to).GroupBy(f => group(f.Line.CategoryId)).ToDictionary(g => g.Key, Total);

    /// <summary>Orders and gross by how they were paid, cancelled orders left out.</summary>
    public IReadOnlyDictionary<string, (long Orders, decimal Gross)> ByPaymentMethod(DateOnly from, DateOnly to)
    {
        var gross = In(from, to).Where(f => f.Sold).GroupBy(f => f.OrderId).ToDictionary(g => g.Key, g => g.Sum(f => f.Gross));
        return orders.Where(o => gross.ContainsKey(o.Id)).GroupBy(o => o.PaymentMethod)
            .ToDictionary(g => g.Key, g => ((long)g.Count(), g.Sum(o => gross[o.Id])));
    }

    /// <summary>Orders placed in the days (cancelled ones too) by the status they are in now.</summary>
    public IReadOnlyDictionary<string, long> ByStatus(DateOnly from, DateOnly to) =>
        Placed(from, to).GroupBy(o => o.Status).ToDictionary(g => g.Key, g => (long)g.Count());

    public long OrdersPlaced(DateOnly from, DateOnly to) => Placed(from, to).Count();

    /// <summary>Customers (signed-in by account, guests by email) whose first order of all was placed in the days.</summary>
    public long NewCustomers(DateOnly from, DateOnly to) =>
        orders.GroupBy(o => o.CustomerId?.ToString() ?? "guest:" + o.Email.ToLowerInvariant())
            .Select(g => g.MinBy(o => (o.PlacedAt, o.Id))!)
            .Count(first => dayOf(first.PlacedAt) >= from && dayOf(first.PlacedAt) <= to);

    private IEnumerable<OrderRow> Placed(DateOnly from, DateOnly to) => orders.Where(o => dayOf(o.PlacedAt) >= from && dayOf(o.PlacedAt) <= to);

    private IEnumerable<LineFact> In(DateOnly from, DateOnly to) => facts.Where(f => f.Day >= from && f.Day <= to);

    private static Sales Total(IEnumerable<LineFact> facts)
    {
        var list = facts.ToList();
        return new Sales(list.Sum(f => f.Gross), list.Sum(f => f.Refund), list.Sum(f => f.Units), list.Where(f => f.Sold).Select(f => f.OrderId).Distinct().Count());
    }

    private void Share(OrderRow order, List<LineRow> lines, decimal amount, DateTime at)
    {
        var total = lines.Sum(l => l.Total);
        var shares = lines.Select(l => Math.Round(amount * l.Total / total, 2, MidpointRounding.AwayFromZero)).ToArray();
        var largest = lines.IndexOf(lines.MaxBy(l => l.Total)!);
        shares[largest] += amount - shares.Sum();
        for (var i = 0; i < lines.Count; i++)
            facts.Add(new LineFact(dayOf(at), order.Id, lines[i], 0, shares[i], 0, Sold: false));
    }
}

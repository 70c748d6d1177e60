using Shop.Web.Modules.Ordering.Contracts;

namespace Shop.Web.Modules.Analytics.Rollups;

/// <summary>Additions to the rollup rows, gathered in memory and written in one batch by <see cref="RollupWriter"/>.</summary>
internal sealed class RollupDelta
{
    internal sealed class Sales
    {
        public int Orders;
        public decimal Gross;
        public decimal Refunds;
        public int Units;
    }

    internal sealed class Day
    {
        public int Orders;
        public int OrdersPlaced;
        public decimal Gross;
        public decimal Refunds;
        public int Units;
        public int NewCustomers;
        public int ReturningOrders;
    }

    public Dictionary<DateOnly, Day> Days { get; } = [];
    public Dictionary<(DateOnly Day, Guid Seller), Sales> Sellers { get; } = [];
    public Dictionary<(DateOnly Day, Guid Seller, Guid Category, Guid Product), Sales> Products { get; } = [];
    public Dictionary<(DateOnly Day, Guid Category), Sales> Categories { get; } = [];
    public Dictionary<(DateOnly Month, Guid Seller, Guid Product), Sales> Months { get; } = [];
    public Dictionary<(DateOnly Day, string Method), Sales> Methods { get; } = [];
    public Dictionary<(DateOnly Day, string Status), int> Statuses { get; } = [];

    public int Size => Days.Count + Sellers.Count + Products.Count + Categories.Count + Months.Count + Methods.Count + Statuses.Count;

    /// <summary>An order's sales on the day it was placed (sign -1 takes them back, as a cancellation does).</summary>
    public void Sale(OrderFacts order, DateOnly day, int sign)
    {
        var total = order.Lines.Sum(l => l.Total);
        var daily = DayOf(day);
        daily.Orders += sign;
        daily.Gross += sign * total;
        daily.Units += sign * order.Lines.Sum(l => l.Quantity);
        var method = Of(Methods, (day, order.PaymentMethod));
        method.Orders += sign;
        method.Gross += sign * total;
        foreach (var seller in order.Lines.GroupBy(l => l.SellerId))
        {
            var sales = Of(Sellers, (day, seller.Key));
            sales.Orders += sign;
            sales.Gross += sign * seller.Sum(l => l.Total);
            sales.Units += sign * seller.Sum(l => l.Quantity);
        }
        foreach (var product in order.Lines.GroupBy(l => (l.SellerId, l.CategoryId, l.ProductId)))
            foreach (var sales in ProductRows(day, product.First()))
            {
                sales.Orders += sign;
                sales.Gross += sign * product.Sum(l => l.Total);
                sales.Units += sign * product.Sum(l => l.Quantity);
            }
    }

    /// <summary>The goods came back: they no longer count as units sold on the day they were ordered (the money goes back as a refund).</summary>
    public void Return(OrderFacts order, DateOnly day)
    {
        DayOf(day).Units -= order.Lines.Sum(l => l.Quantity);
        foreach (var line in order.Lines)
        {
            Of(Sellers, (day, line.SellerId)).Units -= line.Quantity;
            foreach (var sales in ProductRows(day, line))
                sales.Units -= line.Quantity;
        }
    }

    /// <summary>Money returned on <paramref name="day"/>, shared among the order's lines by their value (the largest takes the rounding).</summary>
    public void Refund(OrderFacts order, DateOnly day, decimal amount)
    {
        DayOf(day).Refunds += amount;
        var total = order.Lines.Sum(l => l.Total);
        if (total <= 0)
            return;
        var shares = order.Lines.Select(l => Math.Round(amount * l.Total / total, 2, MidpointRounding.AwayFromZero)).ToArray();
        var largest = order.Lines.Select((l, i) => (l.Total, i)).MaxBy(x => x.Total).i;
        shares[largest] += amount - shares.Sum();
        for (var i = 0; i < shares.Length; i++)
        {
            var line = order.Lines[i];
            Of(Sellers, (day, line.SellerId)).Refunds += shares[i];
            foreach (var sales in ProductRows(day, line))
                sales.Refunds += shares[i];
        }
    }

    public void Placed(DateOnly day) => DayOf(day).OrdersPlaced++;

    public void Status(DateOnly day, string status, int change) => Statuses[(day, status)] = Statuses.GetValueOrDefault((day, status)) + change;

    public void NewCustomer(DateOnly day, int change) => DayOf(day).NewCustomers += change;

    public void ReturningOrder(DateOnly day, int change) => DayOf(day).ReturningOrders += change;

    private Day DayOf(DateOnly day) => Of(Days, day);

    /// <summary>The rows a line's product counts in: the product's day, its category's day and the product's month (orders are not kept by category).</summary>
    private IEnumerable<Sales> ProductRows(DateOnly day, OrderFactLine line)
    {
        var category = line.CategoryId ?? Guid.Empty;
        yield return Of(Products, (day, line.SellerId, category, line.ProductId));
        yield return Of(Categories, (day, category));
        yield return Of(Months, (new DateOnly(day.Year, day.Month, 1), line.SellerId, line.ProductId));
    }

    private static TValue Of<TKey, TValue>(Dictionary<TKey, TValue> rows, TKey key) where TKey : notnull where TValue : new()
    {
        if (!rows.TryGetValue(key, out var row))
            rows[key] = row = new TValue();
        return row;
    }
}

using Dapper;
using Npgsql;

namespace Shop.ClusterTests;

/// <summary>What the database says about the orders a test placed: stock, stock movements and sales counts must agree with the order lines.</summary>
public sealed record StoreLedger(IReadOnlyDictionary<Guid, int> Reserved, IReadOnlyDictionary<Guid, int> Sold)
{
    public static async Task<(IReadOnlyList<Guid> Variants, IReadOnlyList<string> Slugs)> StockUpAsync(NpgsqlConnection db, int count)
    {
        var variants = (await db.QueryAsync<Guid>("""
            UPDATE inventory.stock_items SET on_hand = reserved + 100000
             WHERE variant_id IN (SELECT variant_id FROM inventory.stock_items ORDER BY variant_id LIMIT @count)
            RETURNING variant_id
            """, new { count })).ToList();
        var slugs = (await db.QueryAsync<string>(
            "SELECT p.slug FROM catalog.products p JOIN catalog.variants v ON v.product_id = p.id WHERE v.id = ANY(@variants)", new { variants })).Distinct().ToList();
        return (variants, slugs);
    }

    public static async Task<StoreLedger> ReadAsync(NpgsqlConnection db, IReadOnlyList<Guid> variants)
    {
        var reserved = await db.QueryAsync<(Guid, int)>("SELECT variant_id, reserved FROM inventory.stock_items WHERE variant_id = ANY(@variants)", new { variants = variants.ToArray() });
        var sold = await db.QueryAsync<(Guid, int)>(
            "SELECT v.id, p.sold_count FROM catalog.variants v JOIN catalog.products p ON p.id = v.product_id WHERE v.id = ANY(@variants)", new { variants = variants.ToArray() });
        return new StoreLedger(reserved.ToDictionary(r => r.Item1, r => r.Item2), sold.ToDictionary(s => s.Item1, s => s.Item2));
    }

    /// <summary>
    /// Checks the orders placed under <paramref name="keys"/> against the stock and sales counts taken
    /// before: every reserved unit belongs to an order line with its own reservation movement, and each
    /// order was counted in its products' sales exactly once.
    /// </summary>
    public static async Task AssertConsistentAsync(NpgsqlConnection db, StoreLedger before, IReadOnlyCollection<string> keys)
    {
        var after = await ReadAsync(db, before.Reserved.Keys.ToList());
        var lines = (await db.QueryAsync<(Guid Variant, Guid Product, int Quantity, string Number)>("""
            SELECT l.variant_id, l.product_id, l.quantity, o.number FROM ordering.order_lines l JOIN ordering.orders o ON o.id = l.order_id
             WHERE o.idempotency_key = ANY(@keys)
            """, new { keys = keys.ToArray() })).ToList();
        foreach (var variant in before.Reserved.Keys)
            Assert.Equal(lines.Where(l => l.Variant == variant).Sum(l => l.Quantity), after.Reserved[variant] - before.Reserved[variant]);

        var movements = (await db.QueryAsync<(string Reference, int Units)>("""
            SELECT reference, sum(reserved_after - reserved_before)::int FROM inventory.stock_movements
             WHERE kind = 'reservation' AND reference = ANY(@numbers) GROUP BY reference
            """, new { numbers = lines.Select(l => l.Number).Distinct().ToArray() })).ToDictionary(m => m.Reference, m => m.Units);
        foreach (var order in lines.GroupBy(l => l.Number))
            Assert.Equal(order.Sum(l => l.Quantity), movements.GetValueOrDefault(order.Key));

        // Products share sales counts across their variants: compare per product.
        var productOf = await db.QueryAsync<(Guid Variant, Guid Product)>("SELECT id, product_id FROM catalog.variants WHERE id = ANY(@variants)",
            new { variants = before.Sold.Keys.ToArray() });
        foreach (var product in productOf.GroupBy(p => p.Product))
        {
            var anyVariant = product.First().Variant;
            var unitsOrdered = await db.ExecuteScalarAsync<int>("""
                SELECT coalesce(sum(l.quantity), 0)::int FROM ordering.order_lines l JOIN ordering.orders o ON o.id = l.order_id
                 WHERE l.product_id = @product AND o.idempotency_key = ANY(@keys)
                """, new { product = product.Key, keys = keys.ToArray() });
            Assert.Equal(unitsOrdered, after.Sold[anyVariant] - before.Sold[anyVariant]);
        }
    }

    /// <summary>Each answered checkout has exactly its one order; no key has two.</summary>
    public static async Task AssertOneOrderPerKeyAsync(NpgsqlConnection db, IReadOnlyDictionary<string, Guid> placed, IReadOnlyCollection<string> keys)
    {
        var orders = (await db.QueryAsync<(string Key, Guid Id)>("SELECT idempotency_key, id FROM ordering.orders WHERE idempotency_key = ANY(@keys)",
            new { keys = keys.ToArray() })).ToList();
        Assert.Empty(orders.GroupBy(o => o.Key).Where(g => g.Count() > 1).Select(g => g.Key));
        foreach (var (key, id) in placed)
            Assert.Contains((key, id), orders);
        // No line-less order: every order was committed whole.
        Assert.Equal(0, await db.ExecuteScalarAsync<int>("""
            SELECT count(*)::int FROM ordering.orders o WHERE o.idempotency_key = ANY(@keys) AND NOT EXISTS (SELECT 1 FROM ordering.order_lines l WHERE l.order_id = o.id)
            """, new { keys = keys.ToArray() }));
    }
}

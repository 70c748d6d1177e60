using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Shop.Web.Modules.Analytics.Data;
using Shop.Web.Platform.Database;

namespace Shop.Web.Modules.Analytics.Rollups;

/// <summary>
/// Writes rollup changes as additive upserts (one statement per table, rows passed as arrays) on
/// the scoped context's connection, so they commit with whatever transaction is open there.
/// </summary>
internal sealed class RollupWriter(ShopDbContext db)
{
    /// <summary>Held shared by every rollup update and exclusively by a rebuild, so a rebuild never meets a half-counted event.</summary>
    public Task GateAsync(bool exclusive, CancellationToken cancellationToken) => exclusive
        ? db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockSpace}, 0)", cancellationToken)
        : db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock_shared({LockSpace}, 0)", cancellationToken);

    /// <summary>Takes turns per key (an order, a customer) with other updates of the same key.</summary>
    public Task LockAsync(string key, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockSpace + 1}, hashtext({key}))", cancellationToken);

    private const int LockSpace = 23_000;

    public async Task WriteAsync(RollupDelta delta, CancellationToken cancellationToken)
    {
        var connection = await ConnectionAsync(cancellationToken);
        if (delta.Days.Count > 0)
        {
            var rows = delta.Days.ToList();
            await ExecuteAsync(connection, """
                INSERT INTO analytics.daily_sales AS t (day, orders, orders_placed, gross, refunds, units, new_customers, returning_orders)
                SELECT * FROM unnest(@day, @orders, @placed, @gross, @refunds, @units, @new, @returning)
                ON CONFLICT (day) DO UPDATE SET orders = t.orders + excluded.orders, orders_placed = t.orders_placed + excluded.orders_placed,
                    gross = t.gross + excluded.gross, refunds = t.refunds + excluded.refunds, units = t.units + excluded.units,
                    new_customers = t.new_customers + excluded.new_customers, returning_orders = t.returning_orders + excluded.returning_orders
                """, cancellationToken,
                Dates("day", rows.Select(r => r.Key)), Ints("orders", rows.Select(r => r.Value.Orders)), Ints("placed", rows.Select(r => r.Value.OrdersPlaced)),
                Money("gross", rows.Select(r => r.Value.Gross)), Money("refunds", rows.Select(r => r.Value.Refunds)), Ints("units", rows.Select(r => r.Value.Units)),
                Ints("new", rows.Select(r => r.Value.NewCustomers)), Ints("returning", rows.Select(r => r.Value.ReturningOrders)));
        }
        if (delta.Sellers.Count > 0)
        {
            var rows = delta.Sellers.ToList();
            await ExecuteAsync(connection, """
                INSERT INTO analytics.seller_sales AS t (day, seller_id, orders, gross, refunds, units)
                SELECT * FROM unnest(@day, @seller, @orders, @gross, @refunds, @units)
                ON CONFLICT (day, seller_id) DO UPDATE SET orders = t.orders + excluded.orders, gross = t.gross + excluded.gross,
                    refunds = t.refunds + excluded.refunds, units = t.units + excluded.units
                """, cancellationToken,
                Dates("day", rows.Select(r => r.Key.Day)), Ids("seller", rows.Select(r => r.Key.Seller)), Ints("orders", rows.Select(r => r.Value.Orders)),
                Money("gross", rows.Select(r => r.Value.Gross)), Money("refunds", rows.Select(r => r.Value.Refunds)), Ints("units", rows.Select(r => r.Value.Units)));
        }
        if (delta.Products.Count > 0)
        {
            var rows = delta.Products.ToList();
            await ExecuteAsync(connection, """
                INSERT INTO analytics.product_sales AS t (day, seller_id, category_id, product_id, orders, gross, refunds, units)
                SELECT * FROM unnest(@day, @seller, @category, @product, @orders, @gross, @refunds, @units)
                ON CONFLICT (day, seller_id, category_id, product_id) DO UPDATE SET orders = t.orders + excluded.orders, gross = t.gross + excluded.gross,
                    refunds = t.refunds + excluded.refunds, units = t.units + excluded.units
                """, cancellationToken,
                Dates("day", rows.Select(r => r.Key.Day)), Ids("seller", rows.Select(r => r.Key.Seller)), Ids("category", rows.Select(r => r.Key.Category)),
                Ids("product", rows.Select(r => r.Key.Product)), Ints("orders", rows.Select(r => r.Value.Orders)),
                Money("gross", rows.Select(r => r.Value.Gross)), Money("refunds", rows.Select(r => r.Value.Refunds)), Ints("units", rows.Select(r => r.Value.Units)));
        }
        if (delta.Categories.Count > 0)
        {
            var rows = delta.Categories.ToList();
            await ExecuteAsync(connection, """
                INSERT INTO analytics.category_sales AS t (day, category_id, gross, refunds, units)
                SELECT * FROM unnest(@day, @category, @gross, @refunds, @units)
                ON CONFLICT (day, category_id) DO UPDATE SET gross = t.gross + excluded.gross, refunds = t.refunds + excluded.refunds, units = t.units + excluded.units
                """, cancellationToken,
                Dates("day", rows.Select(r => r.Key.Day)), Ids("category", rows.Select(r => r.Key.Category)),
                Money("gross", rows.Select(r => r.Value.Gross)), Money("refunds", rows.Select(r => r.Value.Refunds)), Ints("units", rows.Select(r => r.Value.Units)));
        }
        if (delta.Months.Count > 0)
        {
            var rows = delta.Months.ToList();
            await ExecuteAsync(connection, """
                INSERT INTO analytics.product_sales_monthly AS t (month, seller_id, product_id, orders, gross, refunds, units)
                SELECT * FROM unnest(@month, @seller, @product, @orders, @gross, @refunds, @units)
                ON CONFLICT (month, seller_id, product_id) DO UPDATE SET orders = t.orders + excluded.orders, gross = t.gross + excluded.gross,
                    refunds = t.refunds + excluded.refunds, units = t.units + excluded.units
                """, cancellationToken,
                Dates("month", rows.Select(r => r.Key.Month)), Ids("seller", rows.Select(r => r.Key.Seller)), Ids("product", rows.Select(r => r.Key.Product)),
                Ints("orders", rows.Select(r => r.Value.Orders)), Money("gross", rows.Select(r => r.Value.Gross)),
                Money("refunds", rows.Select(r => r.Value.Refunds)), Ints("units", rows.Select(r => r.Value.Units)));
        }
        if (delta.Methods.Count > 0)
        {
            var rows = delta.Methods.ToList();
            await ExecuteAsync(connection, """
                INSERT INTO analytics.payment_method_sales AS t (day, method, orders, gross)
                SELECT * FROM unnest(@day, @method, @orders, @gross)
                ON CONFLICT (day, method) DO UPDATE SET orders = t.orders + excluded.orders, gross = t.gross + excluded.gross
                """, cancellationToken,
                Dates("day", rows.Select(r => r.Key.Day)), Texts("method", rows.Select(r => r.Key.Method)),
                Ints("orders", rows.Select(r => r.Value.Orders)), Money("gross", rows.Select(r => r.Value.Gross)));
        }
        if (delta.Statuses.Count > 0)
        {
            var rows = delta.Statuses.ToList();
            await ExecuteAsync(connection, """
                INSERT INTO analytics.status_counts AS t (day, status, orders)
                SELECT * FROM unnest(@day, @status, @orders)
                ON CONFLICT (day, status) DO UPDATE SET orders = t.orders + excluded.orders
                """, cancellationToken,
                Dates("day", rows.Select(r => r.Key.Day)), Texts("status", rows.Select(r => r.Key.Status)), Ints("orders", rows.Select(r => r.Value)));
        }
    }

    /// <summary>Bulk-loads what a rebuild counted each order and customer for (into emptied tables).</summary>
    public async Task CopyAsync(IReadOnlyCollection<CountedOrder> orders, IReadOnlyCollection<FirstOrder> customers, CancellationToken cancellationToken)
    {
        var connection = await ConnectionAsync(cancellationToken);
        await using (var import = await connection.BeginBinaryImportAsync(
            "COPY analytics.counted_orders (order_id, day, status, cancelled, returned, refunded_offline) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var order in orders)
            {
                await import.StartRowAsync(cancellationToken);
                await import.WriteAsync(order.OrderId, NpgsqlDbType.Uuid, cancellationToken);
                await import.WriteAsync(order.Day, NpgsqlDbType.Date, cancellationToken);
                await import.WriteAsync(order.Status, NpgsqlDbType.Varchar, cancellationToken);
                await import.WriteAsync(order.Cancelled, NpgsqlDbType.Boolean, cancellationToken);
                await import.WriteAsync(order.Returned, NpgsqlDbType.Boolean, cancellationToken);
                await import.WriteAsync(order.RefundedOffline, NpgsqlDbType.Boolean, cancellationToken);
            }
            await import.CompleteAsync(cancellationToken);
        }
        await using (var import = await connection.BeginBinaryImportAsync(
            "COPY analytics.customers (customer_key, first_order_id, first_placed_at) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var customer in customers)
            {
                await import.StartRowAsync(cancellationToken);
                await import.WriteAsync(customer.CustomerKey, NpgsqlDbType.Varchar, cancellationToken);
                await import.WriteAsync(customer.FirstOrderId, NpgsqlDbType.Uuid, cancellationToken);
                await import.WriteAsync(customer.FirstPlacedAt, NpgsqlDbType.TimestampTz, cancellationToken);
            }
            await import.CompleteAsync(cancellationToken);
        }
    }

    private async Task<NpgsqlConnection> ConnectionAsync(CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        return (NpgsqlConnection)db.Database.GetDbConnection();
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddRange(parameters);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlParameter Dates(string name, IEnumerable<DateOnly> values) => new(name, NpgsqlDbType.Array | NpgsqlDbType.Date) { Value = values.ToArray() };

    private static NpgsqlParameter Ids(string name, IEnumerable<Guid> values) => new(name, NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = values.ToArray() };

    private static NpgsqlParameter Ints(string name, IEnumerable<int> values) => new(name, NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = values.ToArray() };

    private static NpgsqlParameter Money(string name, IEnumerable<decimal> values) => new(name, NpgsqlDbType.Array | NpgsqlDbType.Numeric) { Value = values.ToArray() };

    private static NpgsqlParameter Texts(string name, IEnumerable<string> values) => new(name, NpgsqlDbType.Array | NpgsqlDbType.Varchar) { Value = values.ToArray() };
}

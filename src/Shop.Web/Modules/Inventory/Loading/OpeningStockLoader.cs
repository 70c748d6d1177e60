using Dapper;
using Npgsql;
using NpgsqlTypes;
using Shop.Web.Modules.Inventory.Contracts;

namespace Shop.Web.Modules.Inventory.Loading;

internal sealed class OpeningStockLoader(TimeProvider clock) : IOpeningStockLoader
{
    public async Task LoadAsync(NpgsqlConnection connection, IReadOnlyList<OpeningStock> stock, string reason, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY inventory.stock_items (variant_id, product_id, seller_id, sku, on_hand, reserved, low_stock_threshold, updated_at) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var item in stock)
            {
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync(item.VariantId, NpgsqlDbType.Uuid, cancellationToken);
                await writer.WriteAsync(item.ProductId, NpgsqlDbType.Uuid, cancellationToken);
                await writer.WriteAsync(item.SellerId, NpgsqlDbType.Uuid, cancellationToken);
                await writer.WriteAsync(item.Sku, NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(item.OnHand, NpgsqlDbType.Integer, cancellationToken);
                await writer.WriteAsync(0, NpgsqlDbType.Integer, cancellationToken);
                await writer.WriteAsync(item.LowStockThreshold, NpgsqlDbType.Integer, cancellationToken);
                await writer.WriteAsync(now, NpgsqlDbType.TimestampTz, cancellationToken);
            }
            await writer.CompleteAsync(cancellationToken);
        }
        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY inventory.stock_movements (variant_id, kind, on_hand_before, on_hand_after, reserved_before, reserved_after, reason, created_at) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var item in stock.Where(s => s.OnHand > 0))
            {
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync(item.VariantId, NpgsqlDbType.Uuid, cancellationToken);
                await writer.WriteAsync("adjustment", NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(0, NpgsqlDbType.Integer, cancellationToken);
                await writer.WriteAsync(item.OnHand, NpgsqlDbType.Integer, cancellationToken);
                await writer.WriteAsync(0, NpgsqlDbType.Integer, cancellationToken);
                await writer.WriteAsync(0, NpgsqlDbType.Integer, cancellationToken);
                await writer.WriteAsync(reason, NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(now, NpgsqlDbType.TimestampTz, cancellationToken);
            }
            await writer.CompleteAsync(cancellationToken);
        }
    }

    public async Task AnalyzeAsync(NpgsqlConnection connection, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(new CommandDefinition("ANALYZE inventory.stock_items;", commandTimeout: 600, cancellationToken: cancellationToken));
}

using System.Data.Common;
using Dapper;
using Microsoft.EntityFrameworkCore;
using Shop.Web.Modules.Inventory.Contracts;
using Shop.Web.Modules.Inventory.Data;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Errors;
using Shop.Web.Platform.Outbox;

namespace Shop.Web.Modules.Inventory.Stock;

/// <summary>
/// Every stock change is one conditional UPDATE that also writes its movement (a CTE), in the
/// transaction of the use case that calls it (ADR 0037), which also saves the events announced here.
/// The row lock taken by the UPDATE serialises concurrent changes of one variant; the WHERE clause and
/// a CHECK constraint make overselling impossible. Only <see cref="SetOnHandAsync"/> is a use case of its own.
/// </summary>
public sealed class InventoryService(ShopDbContext db, IOutbox outbox, TimeProvider clock) : IInventory
{
    private sealed record Changed(Guid VariantId, Guid ProductId, Guid SellerId, string Sku, int OnHand, int Reserved, int LowStockThreshold, int AvailableBefore);

    public async Task TrackAsync(Guid variantId, Guid productId, Guid sellerId, string sku, int openingStock, int lowStockThreshold, Guid? actorId)
    {
        await Connection.ExecuteAsync("""
            INSERT INTO inventory.stock_items (variant_id, product_id, seller_id, sku, on_hand, reserved, low_stock_threshold, updated_at)
            VALUES (@variantId, @productId, @sellerId, @sku, 0, 0, @lowStockThreshold, @now)
            ON CONFLICT (variant_id) DO UPDATE SET sku = excluded.sku
            """, new { variantId, productId, sellerId, sku, lowStockThreshold, now = clock.GetUtcNow() });
        if (openingStock > 0)
            await AdjustAsync(variantId, change: openingStock, setTo: null, "Opening stock", actorId, sellerId: null);
    }

    public async Task<IReadOnlyDictionary<Guid, StockLevel>> LevelsAsync(IReadOnlyCollection<Guid> variantIds)
    {
        var levels = await Connection.QueryAsync<StockLevel>(
            "SELECT variant_id AS VariantId, sku, on_hand AS OnHand, reserved, low_stock_threshold AS LowStockThreshold FROM inventory.stock_items WHERE variant_id = ANY(@ids)",
            new { ids = variantIds.ToArray() });
        return levels.ToDictionary(l => l.VariantId);
    }

    public async Task ReserveAsync(IReadOnlyList<StockLine> lines, string reference)
    {
        foreach (var line in Normalise(lines))
        {
            var changed = await ChangeAsync("reservation", "reserved = s.reserved + @quantity", "s.on_hand - s.reserved >= @quantity",
                line.VariantId, line.Quantity, $"Held for {reference}", reference, actorId: null);
            if (changed is null)
            {
                var level = (await LevelsAsync([line.VariantId])).GetValueOrDefault(line.VariantId);
                throw new InsufficientStockException(line.VariantId, level?.Sku ?? line.VariantId.ToString(), line.Quantity, level?.Available ?? 0);
            }
        }
    }

    public async Task ReleaseAsync(IReadOnlyList<StockLine> lines, string reference)
    {
        foreach (var line in Normalise(lines))
        {
            var changed = await ChangeAsync("release", "reserved = s.reserved - @quantity", "s.reserved >= @quantity",
                line.VariantId, line.Quantity, $"Released from {reference}", reference, actorId: null);
            if (changed is null)
                throw new ConflictException("stock.not_reserved", $"Stock for {reference} was not held, so it cannot be released.");
        }
    }

    public async Task ShipAsync(IReadOnlyList<StockLine> lines, string reference)
    {
        foreach (var line in Normalise(lines))
            if (await ChangeAsync("sale", "on_hand = s.on_hand - @quantity, reserved = s.reserved - @quantity", "s.reserved >= @quantity",
                    line.VariantId, line.Quantity, $"Shipped for {reference}", reference, actorId: null) is null)
                throw new ConflictException("stock.not_reserved", $"Stock for {reference} was not held, so it cannot be shipped.");
    }

    public async Task RestockAsync(IReadOnlyList<StockLine> lines, string reference)
    {
        foreach (var line in Normalise(lines))
            await ChangeAsync("return", "on_hand = s.on_hand + @quantity", "true", line.VariantId, line.Quantity, $"Returned from {reference}", reference, actorId: null);
    }

    public Task SetOnHandAsync(Guid variantId, int onHand, string reason, Guid? actorId) => db.InTransactionAsync(async () =>
    {
        var level = (await LevelsAsync([variantId])).GetValueOrDefault(variantId);
        if (level is not null && level.OnHand != onHand)
            await AdjustAsync(variantId, change: null, setTo: onHand, reason, actorId, sellerId: null);
    });

    /// <summary>
    /// A seller's or admin's correction: add or remove units (<paramref name="change"/>) or set the
    /// count (<paramref name="setTo"/>), never below what orders hold. <paramref name="sellerId"/>
    /// limits it to that seller's stock (null for admins).
    /// </summary>
    public async Task<StockLevel?> AdjustAsync(Guid variantId, int? change, int? setTo, string reason, Guid? actorId, Guid? sellerId)
    {
        if (change is null == setTo is null)
            throw new InputValidationException("Change", "Give either a change (+/- units) or the new count, not both.");
        if (setTo < 0)
            throw new InputValidationException("SetTo", "Stock cannot be negative.");
        if (sellerId is not null && !await OwnsAsync(variantId, sellerId.Value))
            return null;
        var assignment = setTo is null ? "on_hand = s.on_hand + @quantity" : "on_hand = @quantity";
        var guard = setTo is null ? "s.on_hand + @quantity >= s.reserved" : "@quantity >= s.reserved";
        var changed = await ChangeAsync("adjustment", assignment, guard, variantId, setTo ?? change!.Value, reason, null, actorId);
        if (changed is null)
        {
            var level = (await LevelsAsync([variantId])).GetValueOrDefault(variantId);
            if (level is null)
                return null;
            throw new ConflictException("stock.below_reserved", $"{level.Reserved} unit(s) of {level.Sku} are held by orders; stock cannot go below that.");
        }
        return new StockLevel(changed.VariantId, changed.Sku, changed.OnHand, changed.Reserved, changed.LowStockThreshold);
    }

    public async Task<bool> SetThresholdAsync(Guid variantId, int threshold, Guid? sellerId) =>
        await db.Set<StockItem>()
            .Where(s => s.VariantId == variantId && (sellerId == null || s.SellerId == sellerId))
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.LowStockThreshold, threshold)) == 1;

    private Task<bool> OwnsAsync(Guid variantId, Guid sellerId) =>
        db.Set<StockItem>().AnyAsync(s => s.VariantId == variantId && s.SellerId == sellerId);

    private async Task<Changed?> ChangeAsync(string kind, string assignment, string guard,
        Guid variantId, int quantity, string reason, string? reference, Guid? actorId)
    {
        // Locked in a statement of its own: the next one then starts after any concurrent change has
        // committed, so its "before" is the row it changes (within one statement, "before" would be older).
        await Connection.ExecuteAsync("SELECT 1 FROM inventory.stock_items WHERE variant_id = @variantId FOR UPDATE", new { variantId });
        var changed = await Connection.QuerySingleOrDefaultAsync<Changed>($"""
            WITH before AS (
                SELECT on_hand, reserved FROM inventory.stock_items WHERE variant_id = @variantId
            ), changed AS (
                UPDATE inventory.stock_items s SET {assignment}, updated_at = @now
                 WHERE s.variant_id = @variantId AND {guard}
                RETURNING s.variant_id, s.product_id, s.seller_id, s.sku, s.on_hand, s.reserved, s.low_stock_threshold
            ), moved AS (
                INSERT INTO inventory.stock_movements (variant_id, kind, on_hand_before, on_hand_after, reserved_before, reserved_after, reason, reference, actor_id, created_at)
                SELECT c.variant_id, @kind, b.on_hand, c.on_hand, b.reserved, c.reserved, @reason, @reference, @actorId, @now FROM changed c, before b
            )
            SELECT c.variant_id AS VariantId, c.product_id AS ProductId, c.seller_id AS SellerId, c.sku, c.on_hand AS OnHand, c.reserved,
                   c.low_stock_threshold AS LowStockThreshold, b.on_hand - b.reserved AS AvailableBefore
              FROM changed c, before b
            """, new { variantId, quantity, kind, reason, reference, actorId, now = clock.GetUtcNow() });
        if (changed is not null)
            Announce(changed);
        return changed;
    }

    private void Announce(Changed changed)
    {
        var available = changed.OnHand - changed.Reserved;
        if (available <= changed.LowStockThreshold && changed.AvailableBefore > changed.LowStockThreshold)
            outbox.Add(new StockLow(changed.VariantId, changed.ProductId, changed.SellerId, changed.Sku, available, changed.LowStockThreshold));
        if (available > 0 != changed.AvailableBefore > 0)
            outbox.Add(new ProductAvailabilityChanged(changed.ProductId));
    }

    // Npgsql runs every command in the connection's open transaction, so Dapper needs no transaction handed to it.
    private DbConnection Connection => db.Database.GetDbConnection();

    // Same order for every caller, so two orders reserving the same variants cannot deadlock.
    private static IEnumerable<StockLine> Normalise(IReadOnlyList<StockLine> lines)
    {
        foreach (var line in lines)
            if (line.Quantity <= 0)
                throw new InputValidationException("Quantity", "Quantities must be at least 1.");
        return lines.GroupBy(l => l.VariantId).Select(g => new StockLine(g.Key, g.Sum(l => l.Quantity))).OrderBy(l => l.VariantId);
    }
}

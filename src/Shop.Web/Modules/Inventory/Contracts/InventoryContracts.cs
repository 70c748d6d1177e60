using Shop.Web.Platform.Outbox;

namespace Shop.Web.Modules.Inventory.Contracts;

public sealed record StockLine(Guid VariantId, int Quantity);

public sealed record StockLevel(Guid VariantId, string Sku, int OnHand, int Reserved, int LowStockThreshold)
{
    public int Available => OnHand - Reserved;
}

/// <summary>Raised when a reservation could not be met; the message says which item and how many remain.</summary>
public sealed class InsufficientStockException(Guid variantId, string sku, int requested, int available)
    : Platform.Errors.ConflictException("stock.insufficient",
        available <= 0 ? $"{sku} is out of stock." : $"Only {available} of {sku} left; {requested} requested.")
{
    public Guid VariantId { get; } = variantId;
    public int Available { get; } = available;
}

/// <summary>
/// Stock per variant: what other modules (catalog, checkout) may ask and do. Changes are steps of the
/// caller's use case: they run in its transaction, which saves their events when it commits (ADR 0037).
/// </summary>
public interface IInventory
{
    /// <summary>Creates the stock record of a new variant (idempotent), with its opening quantity.</summary>
    Task TrackAsync(Guid variantId, Guid productId, Guid sellerId, string sku, int openingStock, int lowStockThreshold, Guid? actorId);

    Task<IReadOnlyDictionary<Guid, StockLevel>> LevelsAsync(IReadOnlyCollection<Guid> variantIds);

    /// <summary>
    /// Holds stock for an order, all lines or none, within the caller's transaction. Never oversells:
    /// each line is one conditional update that succeeds only while enough is available.
    /// </summary>
    Task ReserveAsync(IReadOnlyList<StockLine> lines, string reference);

    /// <summary>Returns held stock (cancelled or expired order).</summary>
    Task ReleaseAsync(IReadOnlyList<StockLine> lines, string reference);

    /// <summary>Held stock leaves the warehouse (a shipped order): both on hand and held go down.</summary>
    Task ShipAsync(IReadOnlyList<StockLine> lines, string reference);

    /// <summary>Returned goods go back on hand.</summary>
    Task RestockAsync(IReadOnlyList<StockLine> lines, string reference);

    /// <summary>
    /// Records a counted quantity on hand (never below what orders hold), with the reason in the ledger.
    /// A use case of its own: it commits in a transaction it opens, so call it outside one.
    /// </summary>
    Task SetOnHandAsync(Guid variantId, int onHand, string reason, Guid? actorId);
}

/// <summary>A variant's available stock fell to or below its threshold.</summary>
[IntegrationEventName("inventory.stock-low")]
public sealed record StockLow(Guid VariantId, Guid ProductId, Guid SellerId, string Sku, int Available, int Threshold) : IIntegrationEvent;

/// <summary>Whether a product has anything to sell may have changed (catalog listings follow).</summary>
[IntegrationEventName("inventory.product-availability-changed")]
public sealed record ProductAvailabilityChanged(Guid ProductId) : IIntegrationEvent;

public sealed record LowStockItem(Guid VariantId, Guid ProductId, string Sku, int Available, int Threshold);

public interface ILowStock
{
    /// <summary>Variants at or below their low-stock threshold, emptiest first; a seller id keeps to that seller's own.</summary>
    Task<IReadOnlyList<LowStockItem>> ListAsync(Guid? sellerId, int limit, CancellationToken cancellationToken = default);
}

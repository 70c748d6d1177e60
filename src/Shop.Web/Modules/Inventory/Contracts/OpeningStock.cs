using Npgsql;

namespace Shop.Web.Modules.Inventory.Contracts;

/// <summary>The stock a new variant starts with.</summary>
public sealed record OpeningStock(Guid VariantId, Guid ProductId, Guid SellerId, string Sku, int OnHand, int LowStockThreshold);

/// <summary>
/// Stock records for many new variants at once (demo and benchmark catalogs), written with binary COPY
/// on the caller's connection so they commit or roll back with the caller's rows.
/// </summary>
public interface IOpeningStockLoader
{
    /// <summary>Writes the stock records, and an adjustment with <paramref name="reason"/> for each quantity above zero.</summary>
    Task LoadAsync(NpgsqlConnection connection, IReadOnlyList<OpeningStock> stock, string reason, CancellationToken cancellationToken);

    /// <summary>Refreshes the query planner's statistics of the stock records after a large load.</summary>
    Task AnalyzeAsync(NpgsqlConnection connection, CancellationToken cancellationToken);
}

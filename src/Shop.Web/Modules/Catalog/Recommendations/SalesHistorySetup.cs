using Microsoft.EntityFrameworkCore;
using Shop.Web.Modules.Catalog.Data;
using Shop.Web.Modules.Catalog.Products;
using Shop.Web.Modules.Ordering.Contracts;
using Shop.Web.Platform.Commands;
using Shop.Web.Platform.Database;

namespace Shop.Web.Modules.Catalog.Recommendations;

/// <summary>
/// Counts units sold and products bought together from the order history when orders exist but nothing
/// was counted yet (orders that arrived without their events, as the demo's history does). The same
/// handlers that count each new order count the old ones, so the figures mean the same.
/// </summary>
internal sealed class SalesHistorySetup(ShopDbContext db, IOrderFacts orders, SalesProjection sales, CoPurchaseCounter pairs) : ISetupStep
{
    private const int PageSize = 500;

    public int Order => 82;

    public async Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        if (await db.Set<Product>().AnyAsync(p => p.SoldCount > 0, cancellationToken) || await orders.CountAsync(cancellationToken) == 0)
            return;
        var counted = 0;
        for (var page = await orders.PageAsync(null, PageSize, cancellationToken); page.Count > 0; page = await orders.PageAsync(page[^1].Id, PageSize, cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            foreach (var order in page)
            {
                var placed = new OrderPlaced(order.Id, order.Lines.Select(l => new OrderedItem(l.ProductId, l.VariantId, l.Quantity)).ToList());
                await sales.HandleAsync(placed, cancellationToken);
                await pairs.HandleAsync(placed, cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
            counted += page.Count;
        }
        await output.WriteLineAsync($"Sales counted from {counted} earlier orders.");
    }
}

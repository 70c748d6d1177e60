using Microsoft.EntityFrameworkCore;
using Shop.Web.Modules.Ordering.Contracts;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Outbox;

namespace Shop.Web.Modules.Catalog.Recommendations;

/// <summary>
/// Counts, per placed order, each product and each pair of products in it: the data behind
/// "frequently bought together" and "recommended for you". The outbox hands every order over once,
/// so counts are incremental and exact; ids are sorted so concurrent orders lock rows in one order.
/// </summary>
internal sealed class CoPurchaseCounter(ShopDbContext db) : IIntegrationEventHandler<OrderPlaced>
{
    /// <summary>Bigger baskets (rare) count only their first products, so one order adds at most this squared pairs.</summary>
    private const int MaxProductsPerOrder = 50;

    public async Task HandleAsync(OrderPlaced placed, CancellationToken cancellationToken)
    {
        var products = placed.Items.Select(i => i.ProductId).Distinct().Order().Take(MaxProductsPerOrder).ToArray();
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO catalog.product_order_counts (product_id, orders) SELECT id, 1 FROM unnest({products}) AS id ORDER BY id
            ON CONFLICT (product_id) DO UPDATE SET orders = product_order_counts.orders + 1
            """, cancellationToken);
        if (products.Length < 2)
            return;
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO catalog.product_pairs (product_id, other_product_id, orders_together)
            SELECT a, b, 1 FROM unnest({products}) AS a, unnest({products}) AS b WHERE a <> b ORDER BY a, b
            ON CONFLICT (product_id, other_product_id) DO UPDATE SET orders_together = product_pairs.orders_together + 1
            """, cancellationToken);
    }
}

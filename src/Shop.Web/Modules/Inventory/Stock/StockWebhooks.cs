using Microsoft.EntityFrameworkCore;
using Shop.Web.Modules.Inventory.Contracts;
using Shop.Web.Modules.Inventory.Data;
using Shop.Web.Modules.Webhooks.Contracts;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Outbox;

namespace Shop.Web.Modules.Inventory.Stock;

public sealed record StockLowPayload(Guid VariantId, Guid ProductId, Guid SellerId, string Sku, int Available, int Threshold);

/// <summary>Tells admin endpoints and the variant's seller that its stock fell to the low-stock threshold.</summary>
internal sealed class StockWebhooks(ShopDbContext db, IWebhookPublisher webhooks) : IIntegrationEventHandler<StockLow>
{
    public async Task HandleAsync(StockLow low, CancellationToken cancellationToken)
    {
        // The stock item's last change names the occurrence, so the same drop is announced once.
        var changedAt = await db.Set<StockItem>().Where(s => s.VariantId == low.VariantId).Select(s => (DateTimeOffset?)s.UpdatedAt).SingleOrDefaultAsync(cancellationToken);
        var payload = new StockLowPayload(low.VariantId, low.ProductId, low.SellerId, low.Sku, low.Available, low.Threshold);
        await webhooks.PublishAsync(new WebhookEvent(WebhookEventTypes.StockLow, $"stock.low:{low.VariantId}:{changedAt?.ToUnixTimeMilliseconds()}:{low.Available}",
            payload, new Dictionary<Guid, object> { [low.SellerId] = payload }), cancellationToken);
    }
}

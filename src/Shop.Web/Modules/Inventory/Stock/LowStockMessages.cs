using Shop.Web.Modules.Catalog.Contracts;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Modules.Inventory.Contracts;
using Shop.Web.Modules.Notifications.Contracts;
using Shop.Web.Platform.Outbox;

namespace Shop.Web.Modules.Inventory.Stock;

/// <summary>Tells the seller when a variant's stock falls to its alert threshold (once per crossing: each crossing is its own event).</summary>
internal sealed class LowStockMessages(ICustomerDirectory people, ICatalogLookup catalog, INotifier notifier) : IIntegrationEventHandler<StockLow>
{
    public async Task HandleAsync(StockLow low, CancellationToken cancellationToken)
    {
        if (await people.FindAsync(low.SellerId) is not { } seller)
            return;
        var title = (await catalog.VariantsAsync([low.VariantId])).GetValueOrDefault(low.VariantId)?.ProductTitle ?? low.Sku;
        const string link = "/seller/stock";
        await notifier.NotifyAsync(new Notice(NotificationKind.SellerLowStock, new Recipient(seller.UserId, seller.Email, seller.Name),
            new LowStockModel(title, low.Sku, low.Available, low.Threshold, link), LinkPath: link), cancellationToken);
    }
}

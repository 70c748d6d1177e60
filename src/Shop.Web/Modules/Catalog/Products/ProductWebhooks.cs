using Microsoft.EntityFrameworkCore;
using Shop.Web.Modules.Catalog.Contracts;
using Shop.Web.Modules.Catalog.Data;
using Shop.Web.Modules.Webhooks.Contracts;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Outbox;

namespace Shop.Web.Modules.Catalog.Products;

public sealed record ProductVariantPayload(Guid Id, string Sku, IReadOnlyDictionary<string, string> Options, decimal Price, decimal? CompareAtPrice);

public sealed record ProductPayload(Guid ProductId, Guid SellerId, string Title, string Slug, string Brand, ProductStatus Status, string Currency,
    DateTimeOffset UpdatedAt, IReadOnlyList<ProductVariantPayload> Variants);

/// <summary>Tells admin endpoints and the product's seller that a listing changed, with the listing as it is now.</summary>
internal sealed class ProductWebhooks(ShopDbContext db, IWebhookPublisher webhooks) : IIntegrationEventHandler<ProductUpdated>
{
    public async Task HandleAsync(ProductUpdated updated, CancellationToken cancellationToken)
    {
        var product = await db.Set<Product>().AsNoTracking().Include(p => p.Variants).SingleOrDefaultAsync(p => p.Id == updated.ProductId, cancellationToken);
        if (product is null)
            return;
        var payload = new ProductPayload(product.Id, product.SellerId, product.Title, product.Slug, product.Brand, product.Status, product.Currency, product.UpdatedAt,
            product.Variants.OrderBy(v => v.Position).Select(v => new ProductVariantPayload(v.Id, v.Sku, v.Options, v.Price, v.CompareAtPrice)).ToList());
        // The event carries no id of its own; the version it describes names it, and two changes
        // handled after both happened describe the same version, sent once.
        await webhooks.PublishAsync(new WebhookEvent(WebhookEventTypes.ProductUpdated, $"product.updated:{product.Id}:{product.UpdatedAt.ToUnixTimeMilliseconds()}",
            payload, new Dictionary<Guid, object> { [product.SellerId] = payload }), cancellationToken);
    }
}

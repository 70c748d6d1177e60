using Shop.Web.Platform.Outbox;

namespace Shop.Web.Modules.Catalog.Contracts;

/// <summary>A product's listing changed (details, variants, images or status).</summary>
[IntegrationEventName("catalog.product-updated")]
public sealed record ProductUpdated(Guid ProductId, Guid SellerId) : IIntegrationEvent;

/// <summary>An admin deleted a category (it had no subcategories and no products left).</summary>
[IntegrationEventName("catalog.category-deleted")]
public sealed record CategoryDeleted(Guid CategoryId) : IIntegrationEvent;

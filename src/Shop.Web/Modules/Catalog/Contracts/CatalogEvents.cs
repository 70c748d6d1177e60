using Shop.Web.Platform.Outbox;

namespace Shop.Web.Modules.Catalog.Contracts;

/// <summary>A product's listing changed (details, variants, images or status).</summary>
public sealed record ProductUpdated(Guid ProductId, Guid SellerId) : IIntegrationEvent;

/// <summary>An admin deleted a category (it had no subcategories and no products left).</summary>
public sealed record CategoryDeleted(Guid CategoryId) : IIntegrationEvent;

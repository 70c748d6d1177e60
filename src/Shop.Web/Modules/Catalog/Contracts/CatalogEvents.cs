using Shop.Web.Platform.Outbox;

namespace Shop.Web.Modules.Catalog.Contracts;

/// <summary>A product's listing changed (details, variants, images or status).</summary>
public sealed record ProductUpdated(Guid ProductId, Guid SellerId) : IIntegrationEvent;

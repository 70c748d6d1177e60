namespace Shop.Web.Modules.Ordering.Data;

public sealed record OrderLineDraft(
    Guid VariantId, Guid ProductId, Guid SellerId, Guid CategoryId, string ProductTitle, string ProductSlug, string VariantLabel, string Sku, string? ImageUrl,
    decimal UnitPrice, int Quantity, decimal Subtotal, decimal Discount, decimal TaxPercent, decimal Tax, decimal Total);

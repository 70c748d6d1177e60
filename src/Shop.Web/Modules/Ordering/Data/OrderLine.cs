namespace Shop.Web.Modules.Ordering.Data;

public sealed class OrderLine
{
    private OrderLine() { }

    internal OrderLine(Guid orderId, Guid fulfillmentId, OrderLineDraft draft)
    {
        Id = Guid.CreateVersion7();
        OrderId = orderId;
        FulfillmentId = fulfillmentId;
        VariantId = draft.VariantId;
        ProductId = draft.ProductId;
        SellerId = draft.SellerId;
        CategoryId = draft.CategoryId;
        ProductTitle = draft.ProductTitle;
        ProductSlug = draft.ProductSlug;
        VariantLabel = draft.VariantLabel;
        Sku = draft.Sku;
        ImageUrl = draft.ImageUrl;
        UnitPrice = draft.UnitPrice;
        Quantity = draft.Quantity;
        Subtotal = draft.Subtotal;
        Discount = draft.Discount;
        TaxPercent = draft.TaxPercent;
        Tax = draft.Tax;
        Total = draft.Total;
    }

    public Guid Id { get; private set; }
    public Guid OrderId { get; private set; }
    public Guid FulfillmentId { get; private set; }
    public Guid VariantId { get; private set; }
    public Guid ProductId { get; private set; }
    public Guid SellerId { get; private set; }
    /// <summary>The product's category when ordered (commission rules follow it); empty for lines ordered before it was kept.</summary>
    public Guid? CategoryId { get; private set; }
    public string ProductTitle { get; private set; } = "";
    public string ProductSlug { get; private set; } = "";
    public string VariantLabel { get; private set; } = "";
    public string Sku { get; private set; } = "";
    public string? ImageUrl { get; private set; }
    public decimal UnitPrice { get; private set; }
    public int Quantity { get; private set; }
    public decimal Subtotal { get; private set; }
    public decimal Discount { get; private set; }
    public decimal TaxPercent { get; private set; }
    public decimal Tax { get; private set; }
    public decimal Total { get; private set; }
}

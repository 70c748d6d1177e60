namespace Shop.Web.Modules.Notifications.Contracts;

// What each template can show. Amounts are plain numbers ({{money total}} formats them);
// paths are relative ({{url link}} makes them absolute with the shop's public address).

/// <summary>Confirm email, password reset, email change: one link that carries a one-time code.</summary>
public sealed record AccountLinkModel(string Link, string? NewEmail = null);

public sealed record AccountExistsModel(string SignInLink, string ResetLink);

public sealed record SellerApplicationModel(string ShopName, bool Approved, string? Reason, string Link);

/// <summary>A moderator decided on a customer's review: it is published, or rejected with a reason.</summary>
public sealed record ReviewDecisionModel(string ProductTitle, string ReviewTitle, bool Approved, string? Reason, string Link);

public sealed record OrderLineModel(string Title, string? Variant, int Quantity, decimal Amount);

/// <summary>An order's money, as the "_order-totals" partial shows it in every email that sums an order.</summary>
public sealed record OrderTotalsModel(decimal Subtotal, decimal Discount, string? CouponCode, decimal Shipping, decimal Tax, bool TaxIncluded, decimal Total);

public sealed record OrderModel(
    string Number, string CustomerName, IReadOnlyList<OrderLineModel> Lines, OrderTotalsModel Totals, string PaymentMethod, string ShipTo, string Link);

/// <param name="Totals">The order's breakdown, for a receipt; null where the message is not one.</param>
public sealed record PaymentModel(string Number, decimal Amount, string? Reason, string Link, OrderTotalsModel? Totals = null);

public sealed record ShipmentModel(string Number, string SellerName, string? Carrier, string? TrackingNumber, string? TrackingUrl,
    IReadOnlyList<string> Items, bool Complete, string Link);

public sealed record OrderUpdateModel(string Number, string Message, string Link);

public sealed record RefundModel(string Number, decimal Amount, bool FullyRefunded, string Reason, string Link);

public sealed record SellerItemModel(string Title, string Sku, int Quantity);

public sealed record SellerOrderModel(string Number, string SellerName, IReadOnlyList<SellerItemModel> Items, string ShipTo, string Link);

public sealed record LowStockModel(string ProductTitle, string Sku, int Available, int Threshold, string Link);

/// <summary>A customer's question was received: what it was about, their words, and the way back to the conversation.</summary>
public sealed record SupportRequestModel(string Topic, string Message, string? OrderNumber, string Link);

/// <summary>A call-back was booked (or is coming up): the number support rings, when, and the way to the conversation.</summary>
public sealed record SupportCallbackModel(string Topic, string Phone, string Slot, string? Note, string Link);

/// <summary>One reply in a support email: who wrote it, when (shown in the shop's words) and what.</summary>
public sealed record SupportReplyModel(string Author, string When, string Body, IReadOnlyList<string> Attachments);

/// <summary>Support's (or the seller's) replies the customer has not read yet, in one email, with the way back to answer.</summary>
public sealed record SupportRepliesModel(string Topic, IReadOnlyList<SupportReplyModel> Replies, string Link);

/// <summary>A conversation's transcript: every message the customer may see, in order.</summary>
public sealed record SupportTranscriptModel(string Topic, string Started, IReadOnlyList<SupportReplyModel> Messages, string Link);
/// <summary>A customer (or support) wrote in one of the seller's threads: who, about what, their words and the way to answer.</summary>
public sealed record SellerMessageModel(string From, string About, string Message, string Link);

public sealed record SupportTicketModel(string Subject, string From, string Excerpt, string Link);

public sealed record WebhookDisabledModel(string Endpoint, string Reason, string Link);

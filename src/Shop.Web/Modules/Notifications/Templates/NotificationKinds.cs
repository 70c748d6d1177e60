using System.Text.RegularExpressions;
using Shop.Web.Modules.Notifications.Contracts;

namespace Shop.Web.Modules.Notifications.Templates;

public enum Audience
{
    Customer,
    Seller,
    Admin,
}

/// <summary>Channels beyond email and the notification centre, for the few kinds that matter on the move.</summary>
[Flags]
public enum MobileChannels
{
    None = 0,
    /// <summary>A web push to every device the user turned on; people may turn it off per kind, essential or not.</summary>
    Push = 1,
    /// <summary>A text message to the account's verified phone number; off until the user turns it on per kind.</summary>
    Sms = 2,
}

/// <summary>
/// What the shop knows about a kind: who gets it, whether people may turn it off (security and order
/// messages are essential), whether it also appears in the notification centre, whether its email
/// carries a one-time code (its body is not kept once sent), sample data for the preview, and whether
/// it also reaches phones.
/// </summary>
public sealed record KindInfo(NotificationKind Kind, string Label, Audience Audience, bool Essential, bool InApp, bool Sensitive, object Sample,
    MobileChannels Mobile = MobileChannels.None)
{
    public string Slug { get; } = NotificationKinds.Slug(Kind);

    public bool Push => Mobile.HasFlag(MobileChannels.Push);

    public bool Sms => Mobile.HasFlag(MobileChannels.Sms);
}

public static partial class NotificationKinds
{
    private static readonly OrderLineModel[] SampleLines =
    [
        new("Cotton Kurta", "Size M / Indigo", 2, 2598m),
        new("Brass Diya Set", null, 1, 849m),
    ];

    private static readonly OrderTotalsModel SampleTotals = new(3447m, 344.70m, "WELCOME10", 99m, 473.33m, true, 3201.30m);

    public static readonly IReadOnlyList<KindInfo> All =
    [
        new(NotificationKind.ConfirmEmail, "Confirm your email", Audience.Customer, Essential: true, InApp: false, Sensitive: true,
            new AccountLinkModel("/account/confirm-email?userId=sample&code=sample")),
        new(NotificationKind.PasswordReset, "Password reset", Audience.Customer, true, false, true,
            new AccountLinkModel("/account/reset-password?userId=sample&code=sample")),
        new(NotificationKind.EmailChange, "Confirm a new email address", Audience.Customer, true, false, true,
            new AccountLinkModel("/account/confirm-email-change?userId=sample&code=sample", "new.address@example.com")),
        new(NotificationKind.AccountExists, "Sign-up with an existing address", Audience.Customer, true, false, false,
            new AccountExistsModel("/account/sign-in", "/account/forgot-password")),
        new(NotificationKind.SellerApplicationDecided, "Seller application decided", Audience.Customer, true, true, false,
            new SellerApplicationModel("Indigo Looms", true, null, "/seller")),
        new(NotificationKind.OrderPlaced, "Order placed", Audience.Customer, true, true, false,
            new OrderModel("SH-2026-7K4M9QXR", "Asha Rao", SampleLines, SampleTotals, "Cash on delivery",
                "Asha Rao, 12 MG Road, Bengaluru, Karnataka 560001", "/orders/sample")),
        new(NotificationKind.PaymentReceived, "Payment received", Audience.Customer, true, true, false,
            new PaymentModel("SH-2026-7K4M9QXR", 3201.30m, null, "/orders/sample", SampleTotals)),
        new(NotificationKind.PaymentFailed, "Payment failed", Audience.Customer, true, true, false,
            new PaymentModel("SH-2026-7K4M9QXR", 3201.30m, "The card was declined.", "/orders/sample")),
        new(NotificationKind.OrderShipped, "Order shipped", Audience.Customer, true, true, false,
            new ShipmentModel("SH-2026-7K4M9QXR", "Indigo Looms", "Delhivery", "DL123456789IN", "https://www.delhivery.com/track/package/DL123456789IN",
                ["2 × Cotton Kurta (Size M / Indigo)"], false, "/orders/sample"), MobileChannels.Push | MobileChannels.Sms),
        new(NotificationKind.OrderOutForDelivery, "Order out for delivery", Audience.Customer, false, true, false,
            new ShipmentModel("SH-2026-7K4M9QXR", "Indigo Looms", "Delhivery", "DL123456789IN", "https://www.delhivery.com/track/package/DL123456789IN",
                ["2 × Cotton Kurta (Size M / Indigo)"], false, "/orders/sample"), MobileChannels.Push | MobileChannels.Sms),
        new(NotificationKind.OrderDelivered, "Order delivered", Audience.Customer, true, true, false,
            new ShipmentModel("SH-2026-7K4M9QXR", "Indigo Looms", "Delhivery", "DL123456789IN", null, ["2 × Cotton Kurta (Size M / Indigo)"], true, "/orders/sample"), MobileChannels.Push | MobileChannels.Sms),
        new(NotificationKind.OrderCancelled, "Order cancelled", Audience.Customer, true, true, false,
            new OrderUpdateModel("SH-2026-7K4M9QXR", "Cancelled: the customer changed their mind.", "/orders/sample")),
        new(NotificationKind.ReturnAccepted, "Return accepted", Audience.Customer, true, true, false,
            new OrderUpdateModel("SH-2026-7K4M9QXR", "We received your return.", "/orders/sample")),
        new(NotificationKind.RefundIssued, "Refund issued", Audience.Customer, true, true, false,
            new RefundModel("SH-2026-7K4M9QXR", 3201.30m, true, "Returned items", "/orders/sample"), MobileChannels.Push | MobileChannels.Sms),
        new(NotificationKind.SellerNewOrder, "New order to fulfil", Audience.Seller, false, true, false,
            new SellerOrderModel("SH-2026-7K4M9QXR", "Indigo Looms", [new("Cotton Kurta", "KUR-M-IND", 2)], "Asha Rao, Bengaluru, Karnataka 560001", "/seller/orders/sample")),
        new(NotificationKind.SellerLowStock, "Low stock", Audience.Seller, false, true, false,
            new LowStockModel("Cotton Kurta", "KUR-M-IND", 3, 5, "/seller/stock")),
        new(NotificationKind.SupportNewTicket, "New support ticket or chat", Audience.Admin, false, true, false,
            new SupportTicketModel("Where is my order?", "Asha Rao <asha@example.com>", "I ordered a kurta last week and…", "/admin/support")),
        new(NotificationKind.WebhookDisabled, "Webhook endpoint disabled", Audience.Seller, true, true, false,
            new WebhookDisabledModel("https://example.com/hooks/shop", "Every delivery failed for 3 days.", "/seller/webhooks")),
        new(NotificationKind.ReviewDecided, "Your review was published or rejected", Audience.Customer, false, true, false,
            new ReviewDecisionModel("Cotton Kurta", "Lovely fabric", false, "Reviews may not include phone numbers.", "/p/cotton-kurta/review")),
        new(NotificationKind.SupportRequestReceived, "Your question was received", Audience.Customer, true, true, false,
            new SupportRequestModel("Returns and refunds", "The kurta I received is too small. Can I exchange it for a large?", "SH-2026-7K4M9QXR", "/account/support/sample")),
        new(NotificationKind.SupportCallbackBooked, "Your call-back is booked", Audience.Customer, true, true, false,
            new SupportCallbackModel("Payment", "+919876543210", "Fri 4 Dec, 10:30–11:00 (Asia/Kolkata)", "About the refund for my last order.", "/account/support/sample")),
        new(NotificationKind.SupportCallbackReminder, "Your call-back is coming up", Audience.Customer, true, false, false,
            new SupportCallbackModel("Payment", "+919876543210", "Fri 4 Dec, 10:30–11:00 (Asia/Kolkata)", null, "/account/support/sample")),
        new(NotificationKind.SupportReplies, "Support replied", Audience.Customer, true, true, false,
            new SupportRepliesModel("Returns and refunds", [
                new("Support", "4 Dec 2026, 10:02", "Of course! Send it back with the label we emailed.", []),
                new("Support", "4 Dec 2026, 10:03", "A large is reserved for you.", ["label.pdf"])], "/account/support/sample"), MobileChannels.Push),
        new(NotificationKind.SupportTranscript, "Conversation transcript", Audience.Customer, true, false, false,
            new SupportTranscriptModel("Returns and refunds", "4 Dec 2026", [
                new("You", "4 Dec 2026, 09:58", "The kurta I received is too small. Can I exchange it for a large?", ["photo.jpg"]),
                new("Support", "4 Dec 2026, 10:02", "Of course! Send it back with the label we emailed.", [])], "/account/support/sample")),
        new(NotificationKind.SellerMessageReceived, "A customer wrote to you", Audience.Seller, false, true, false,
            new SellerMessageModel("Asha Rao", "Order SH-2026-7K4M9QXR", "Could you ship the kurta before Friday?", "/seller/messages/sample")),
    ];

    private static readonly Dictionary<NotificationKind, KindInfo> ByKind = All.ToDictionary(k => k.Kind);

    public static KindInfo Of(NotificationKind kind) => ByKind[kind];

    public static KindInfo? FromSlug(string? slug) => All.FirstOrDefault(k => k.Slug == slug);

    /// <summary>"OrderShipped" → "order-shipped", the template file names and the stored kind.</summary>
    public static string Slug(NotificationKind kind) => SplitWords(kind.ToString(), "-").ToLowerInvariant();

    /// <summary>"OrderShipped" → "Order" + separator + "Shipped".</summary>
    public static string SplitWords(string pascalCase, string separator) => WordStart().Replace(pascalCase, separator + "$1");

    [GeneratedRegex("(?<!^)([A-Z])")]
    private static partial Regex WordStart();
}

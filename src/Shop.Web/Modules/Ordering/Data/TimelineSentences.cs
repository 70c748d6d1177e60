using Microsoft.Extensions.Localization;
using Shop.Web.Platform.Localization;

namespace Shop.Web.Modules.Ordering.Data;

/// <summary>
/// The timeline's sentences that carry details (a carrier, an amount, a reason). They are stored in the
/// default language as they happened; pages show them in the reader's by matching the stored text to these.
/// </summary>
public static class TimelineSentences
{
    public const string Shipped = "Shipped with {0}, tracking number {1}.";
    public const string Cancelled = "Order cancelled: {0}";
    public const string ReturnRequested = "Return requested: {0}";
    public const string Refunded = "Refund of {0} issued.";
    public const string RefundedBecause = "Refund of {0} issued: {1}";
    public const string PaymentReceived = "Payment of {0} received.";
    public const string PaymentReceivedCharged = "Payment of {0} received, charged as {1}.";
    public const string PaymentFailed = "Payment failed: {0} You can try again.";

    private static readonly EnglishTemplates Templates =
        new(Shipped, Cancelled, ReturnRequested, Refunded, RefundedBecause, PaymentReceived, PaymentReceivedCharged, PaymentFailed);

    /// <summary>A stored sentence in the reader's language: these with their details (translated where the texts know them), any other as a whole.</summary>
    public static string Localized(string stored, IStringLocalizer texts) => Templates.Localize(texts, stored);
}

using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;

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

    private static readonly (string Format, Regex Pattern)[] Patterns =
        [.. new[] { Shipped, Cancelled, ReturnRequested, Refunded, RefundedBecause, PaymentReceived, PaymentReceivedCharged, PaymentFailed }
            .Select(format => (format, new Regex("^" + Regex.Escape(format).Replace(@"\{0}", "(.*)").Replace(@"\{1}", "(.*)") + "$", RegexOptions.Singleline)))];

    /// <summary>A stored sentence in the reader's language: these with their details kept, any other as a whole.</summary>
    public static string Localized(string stored, IStringLocalizer texts)
    {
        foreach (var (format, pattern) in Patterns)
            if (pattern.Match(stored) is { Success: true } match)
                return texts[format, [.. match.Groups.Values.Skip(1).Select(group => group.Value)]];
        return texts[stored];
    }
}

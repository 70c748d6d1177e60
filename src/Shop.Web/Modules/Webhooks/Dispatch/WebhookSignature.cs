using System.Security.Cryptography;
using System.Text;

namespace Shop.Web.Modules.Webhooks.Dispatch;

/// <summary>
/// The documented signature: HMAC-SHA256 with the endpoint's secret over "{timestamp}.{body}",
/// sent as <c>Shop-Webhook-Signature: v1=&lt;lowercase hex&gt;</c>. The timestamp is signed so a
/// captured delivery cannot be replayed later by someone else.
/// </summary>
public static class WebhookSignature
{
    public const string IdHeader = "Shop-Webhook-Id";
    public const string TimestampHeader = "Shop-Webhook-Timestamp";
    public const string SignatureHeader = "Shop-Webhook-Signature";

    public static string Sign(string secret, long timestamp, string body) =>
        "v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));

    /// <summary>A new secret: 32 random bytes, hex, with a prefix that says what it is.</summary>
    public static string NewSecret() => "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
}

using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Shop.Web.Modules.Notifications.TextMessages;

public sealed class TwilioOptions
{
    public const string Section = "TextMessages:Twilio";

    /// <summary>The account's SID (AC…); with the auth token, from the environment only.</summary>
    public string? AccountSid { get; set; }

    public string? AuthToken { get; set; }

    /// <summary>The number (E.164) or sender id messages come from; or else a messaging service.</summary>
    public string? From { get; set; }

    /// <summary>A messaging service (MG…) that picks the sender; used when set, instead of <see cref="From"/>.</summary>
    public string? MessagingServiceSid { get; set; }

    public string ApiBaseUrl { get; set; } = "https://api.twilio.com";

    public bool IsConfigured => !string.IsNullOrEmpty(AccountSid) && !string.IsNullOrEmpty(AuthToken)
                                && (!string.IsNullOrEmpty(From) || !string.IsNullOrEmpty(MessagingServiceSid));
}

/// <summary>What the provider said when it took a message: its id and first status ("queued", "accepted").</summary>
public sealed record TextMessageReceipt(string ProviderId, string Status);

/// <summary>The provider will never send this message (an invalid or unsubscribed number): no use retrying.</summary>
public sealed class TextMessageRefusedException(string? code, string message) : Exception(message)
{
    public string? Code { get; } = code;
}

/// <summary>Where text messages leave the shop.</summary>
public interface ITextMessageProvider
{
    /// <summary>
    /// Hands one message over; the provider reports its fate to <paramref name="statusCallbackUrl"/>. Throws
    /// <see cref="TextMessageRefusedException"/> for a message it will never send, anything else for a failure worth retrying.
    /// </summary>
    Task<TextMessageReceipt> SendAsync(string to, string body, string statusCallbackUrl, CancellationToken cancellationToken);

    /// <summary>Whether a status callback carries the provider's signature for <paramref name="url"/> and these form fields.</summary>
    bool IsSigned(string url, IEnumerable<KeyValuePair<string, string>> form, string? signature);
}

/// <summary>
/// Twilio's Messages API: one form-encoded POST per message under HTTP Basic auth (account SID and auth
/// token). Status callbacks are signed with X-Twilio-Signature: HMAC-SHA1 with the auth token over the
/// callback URL followed by every POST parameter, sorted by name, as name and value run together.
/// </summary>
internal sealed class TwilioTextMessages(IOptions<TwilioOptions> options, IHttpClientFactory http) : ITextMessageProvider
{
    public const string HttpClientName = "twilio";
    public const string SignatureHeader = "X-Twilio-Signature";

    public async Task<TextMessageReceipt> SendAsync(string to, string body, string statusCallbackUrl, CancellationToken cancellationToken)
    {
        var twilio = options.Value;
        var form = new Dictionary<string, string> { ["To"] = to, ["Body"] = body, ["StatusCallback"] = statusCallbackUrl };
        if (!string.IsNullOrEmpty(twilio.MessagingServiceSid))
            form["MessagingServiceSid"] = twilio.MessagingServiceSid;
        else
            form["From"] = twilio.From!;
        var url = $"{twilio.ApiBaseUrl.TrimEnd('/')}/2010-04-01/Accounts/{Uri.EscapeDataString(twilio.AccountSid!)}/Messages.json";
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{twilio.AccountSid}:{twilio.AuthToken}")));
        using var response = await http.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var json = Parse(text);
        if (response.IsSuccessStatusCode && json is { } message && message.TryGetProperty("sid", out var sid) && sid.GetString() is { Length: > 0 } id)
            return new TextMessageReceipt(id, message.TryGetProperty("status", out var status) ? status.GetString() ?? "queued" : "queued");

        var code = json is { } error && error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetInt32().ToString() : null;
        var reason = json is { } problem && problem.TryGetProperty("message", out var m) ? m.GetString() : null;
        var described = $"Twilio answered {(int)response.StatusCode}{(code is null ? "" : $" (error {code})")}: {reason ?? Clip(text)}";
        // 400 and 404 are about this message (a number Twilio cannot text); bad credentials, limits and outages are worth another try.
        if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound)
            throw new TextMessageRefusedException(code, described);
        throw new HttpRequestException(described, null, response.StatusCode);
    }

    public bool IsSigned(string url, IEnumerable<KeyValuePair<string, string>> form, string? signature)
    {
        if (string.IsNullOrEmpty(signature) || string.IsNullOrEmpty(options.Value.AuthToken))
            return false;
        var signed = new StringBuilder(url);
        foreach (var (name, value) in form.OrderBy(f => f.Key, StringComparer.Ordinal).ThenBy(f => f.Value, StringComparer.Ordinal))
            signed.Append(name).Append(value);
        var expected = HMACSHA1.HashData(Encoding.UTF8.GetBytes(options.Value.AuthToken), Encoding.UTF8.GetBytes(signed.ToString()));
        try
        {
            return CryptographicOperations.FixedTimeEquals(expected, Convert.FromBase64String(signature));
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>The JSON object Twilio answers with (a message, or an error), or null for anything else (a proxy's HTML page).</summary>
    private static JsonElement? Parse(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Clip(string text) => text.Length <= 200 ? text : text[..200] + "…";
}

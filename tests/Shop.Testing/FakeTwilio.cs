using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Shop.Testing;

/// <summary>
/// A stand-in for api.twilio.com on a loopback port. Like Twilio's Messages API it wants HTTP Basic auth
/// (account SID and auth token), a form with <c>To</c> in E.164, exactly one of <c>From</c> and
/// <c>MessagingServiceSid</c>, a <c>Body</c> of at most 1,600 characters and an absolute <c>StatusCallback</c>;
/// it answers with Twilio's JSON shapes and error codes, keeps what it accepted, and posts status callbacks
/// signed as Twilio signs them (<c>X-Twilio-Signature</c>).
/// </summary>
public sealed partial class FakeTwilio : IAsyncDisposable
{
    public const string AccountSid = "AC00000000000000000000000000fa4e";
    public const string AuthToken = "fake-twilio-auth-token";
    public const string From = "+15005550006";

    private WebApplication? app;
    private readonly ConcurrentQueue<(int Status, int Code, string Message)> failures = new();

    public string Url { get; private set; } = "";

    /// <summary>Every message accepted, in order.</summary>
    public ConcurrentQueue<TextMessage> Messages { get; } = new();

    /// <summary>Every request refused, and why.</summary>
    public ConcurrentQueue<string> Refused { get; } = new();

    /// <summary>The shop's settings for this fake.</summary>
    public (string Key, string? Value)[] Settings =>
    [
        ("TextMessages:Twilio:AccountSid", AccountSid), ("TextMessages:Twilio:AuthToken", AuthToken),
        ("TextMessages:Twilio:From", From), ("TextMessages:Twilio:ApiBaseUrl", Url),
    ];

    public static async Task<FakeTwilio> StartAsync()
    {
        var fake = new FakeTwilio();
        fake.app = await LoopbackServer.StartAsync(app => app.MapPost("/2010-04-01/Accounts/{accountSid}/Messages.json", fake.ReceiveAsync));
        fake.Url = fake.app.Urls.First();
        return fake;
    }

    /// <summary>The next message is answered with this error instead (a 400 with Twilio's error code, a 500 outage).</summary>
    public void FailNext(int status, int code, string message) => failures.Enqueue((status, code, message));

    /// <summary>Waits for a message to <paramref name="to"/> whose body contains <paramref name="text"/>.</summary>
    public async Task<TextMessage> WaitForAsync(string to, string text) =>
        (await Eventually.GetAsync(() => Task.FromResult(Messages.LastOrDefault(m => m.To == to && m.Body.Contains(text, StringComparison.Ordinal))),
            m => m is not null, $"a text message to {to} saying '{text}' (refused: {string.Join("; ", Refused)})"))!;

    /// <summary>The 6-digit code in the latest message to <paramref name="to"/>.</summary>
    public async Task<string> CodeSentToAsync(string to)
    {
        var message = (await Eventually.GetAsync(() => Task.FromResult(Messages.LastOrDefault(m => m.To == to && SixDigits().IsMatch(m.Body))),
            m => m is not null, $"a code texted to {to} (refused: {string.Join("; ", Refused)})"))!;
        return SixDigits().Match(message.Body).Value;
    }

    /// <summary>
    /// Reports a message's fate to the StatusCallback it was sent with, as Twilio does: the documented form fields,
    /// signed over the callback URL. <paramref name="shop"/> reaches the shop (its host may differ from the URL's).
    /// </summary>
    public async Task<HttpResponseMessage> SendStatusAsync(HttpClient shop, TextMessage message, string status, string? errorCode = null, string? signature = null)
    {
        var form = new Dictionary<string, string>
        {
            ["AccountSid"] = AccountSid, ["ApiVersion"] = "2010-04-01", ["From"] = message.From ?? "", ["To"] = message.To,
            ["MessageSid"] = message.Sid, ["SmsSid"] = message.Sid, ["MessageStatus"] = status, ["SmsStatus"] = status,
        };
        if (errorCode is not null)
            form["ErrorCode"] = errorCode;
        var callback = new Uri(message.StatusCallback);
        using var request = new HttpRequestMessage(HttpMethod.Post, callback.PathAndQuery) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature", signature ?? Sign(message.StatusCallback, form));
        return await shop.SendAsync(request);
    }

    /// <summary>Twilio's request signature: Base64(HMAC-SHA1(auth token, URL + each POST parameter's name and value, sorted by name)).</summary>
    public static string Sign(string url, IReadOnlyDictionary<string, string> form)
    {
        var data = new StringBuilder(url);
        foreach (var (name, value) in form.OrderBy(f => f.Key, StringComparer.Ordinal))
            data.Append(name).Append(value);
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(AuthToken), Encoding.UTF8.GetBytes(data.ToString())));
    }

    private async Task<IResult> ReceiveAsync(string accountSid, HttpContext context)
    {
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AccountSid}:{AuthToken}"));
        if (context.Request.Headers.Authorization.ToString() != expected || accountSid != AccountSid)
            return Error(StatusCodes.Status401Unauthorized, 20003, "Authentication Error - invalid username");
        if (!context.Request.HasFormContentType)
            return Error(StatusCodes.Status400BadRequest, 21601, "The request is not form-encoded.");
        var form = (await context.Request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString());
        var to = form.GetValueOrDefault("To") ?? "";
        var from = form.GetValueOrDefault("From");
        var service = form.GetValueOrDefault("MessagingServiceSid");
        var body = form.GetValueOrDefault("Body") ?? "";
        var callback = form.GetValueOrDefault("StatusCallback") ?? "";
        if (!E164().IsMatch(to))
            return Error(StatusCodes.Status400BadRequest, 21211, $"The 'To' number {to} is not a valid phone number.");
        if ((from is null) == (service is null))
            return Error(StatusCodes.Status400BadRequest, 21603, "Exactly one of 'From' and 'MessagingServiceSid' is required.");
        if (body.Length is 0 or > 1600)
            return Error(StatusCodes.Status400BadRequest, 21602, "Message body is required and at most 1600 characters.");
        if (!Uri.TryCreate(callback, UriKind.Absolute, out var callbackUri) || callbackUri.Scheme is not ("http" or "https"))
            return Error(StatusCodes.Status400BadRequest, 21609, $"The StatusCallback URL {callback} is not a valid URL.");
        if (failures.TryDequeue(out var failure))
            return Error(failure.Status, failure.Code, failure.Message);

        var message = new TextMessage("SM" + Guid.NewGuid().ToString("N"), to, from, service, body, callback);
        Messages.Enqueue(message);
        return Results.Json(new
        {
            sid = message.Sid, account_sid = AccountSid, to, from, messaging_service_sid = service, body, status = "queued",
            direction = "outbound-api", api_version = "2010-04-01", num_segments = "1", uri = $"/2010-04-01/Accounts/{AccountSid}/Messages/{message.Sid}.json",
        }, statusCode: StatusCodes.Status201Created);
    }

    private IResult Error(int status, int code, string message)
    {
        Refused.Enqueue($"{status} {code}: {message}");
        return Results.Json(new { code, message, more_info = $"https://www.twilio.com/docs/errors/{code}", status }, statusCode: status);
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
            await app.DisposeAsync();
    }

    [GeneratedRegex(@"^\+[1-9]\d{7,14}$")]
    private static partial Regex E164();

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SixDigits();

    public sealed record TextMessage(string Sid, string To, string? From, string? MessagingServiceSid, string Body, string StatusCallback);
}

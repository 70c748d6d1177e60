using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Shop.Testing;

/// <summary>
/// A browser's push service on a loopback port, with the browsers that subscribe through it. Like a real one
/// it refuses a push whose VAPID token (RFC 8292) is not signed by the key the browser subscribed with, is
/// for another audience or has expired; it decrypts each payload as the browser would (RFC 8291, aes128gcm)
/// and keeps what it read. A subscription marked gone answers 410, as an expired one does.
/// </summary>
public sealed class FakePushService : IAsyncDisposable
{
    private WebApplication? app;
    private readonly ConcurrentDictionary<string, Browser> browsers = new();

    public string Url { get; private set; } = "";

    /// <summary>Every push accepted: the subscription it was for, the VAPID subject, and the decrypted payload.</summary>
    public ConcurrentQueue<(string Id, string Subject, JsonElement Payload)> Delivered { get; } = new();

    /// <summary>Every push refused, and why.</summary>
    public ConcurrentQueue<string> Refused { get; } = new();

    public static async Task<FakePushService> StartAsync()
    {
        var fake = new FakePushService();
        fake.app = await LoopbackServer.StartAsync(app => app.MapPost("/push/{id}", fake.ReceiveAsync));
        fake.Url = fake.app.Urls.First();
        return fake;
    }

    /// <summary>A new browser subscribing for the shop whose VAPID public key is <paramref name="applicationServerKey"/>: what PushSubscription.toJSON() gives.</summary>
    public object Subscribe(string applicationServerKey)
    {
        var browser = new Browser(applicationServerKey);
        browsers[browser.Id] = browser;
        return new { endpoint = $"{Url}/push/{browser.Id}", expirationTime = (long?)null, keys = new { p256dh = browser.PublicKey, auth = browser.Auth } };
    }

    public static string IdOf(object subscription) => ((string)subscription.GetType().GetProperty("endpoint")!.GetValue(subscription)!).Split('/')[^1];

    /// <summary>The subscription expired at the push service: pushes to it now get 410 Gone.</summary>
    public void Expire(string id) => browsers[id].Gone = true;

    private async Task<IResult> ReceiveAsync(string id, HttpContext context)
    {
        if (!browsers.TryGetValue(id, out var browser))
            return Refuse(StatusCodes.Status404NotFound, $"{id}: no such subscription");
        if (browser.Gone)
            return Refuse(StatusCodes.Status410Gone, $"{id}: expired");
        var request = context.Request;
        // Real push services listen on the default port, so the origin is scheme and host; the sender leaves a loopback port out of it too.
        if (VerifiedSubject(request.Headers.Authorization.ToString(), browser.ApplicationServerKey, $"{request.Scheme}://{request.Host.Host}") is not { } subject)
            return Refuse(StatusCodes.Status403Forbidden, $"{id}: VAPID authorization not valid ({request.Headers.Authorization})");
        if (request.Headers.ContentEncoding != "aes128gcm" || !request.Headers.ContainsKey("TTL"))
            return Refuse(StatusCodes.Status400BadRequest, $"{id}: not aes128gcm with a TTL");
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        try
        {
            Delivered.Enqueue((id, subject, JsonDocument.Parse(browser.Decrypt(body.ToArray())).RootElement.Clone()));
        }
        catch (Exception failure) when (failure is CryptographicException or JsonException or ArgumentException)
        {
            return Refuse(StatusCodes.Status400BadRequest, $"{id}: payload does not decrypt ({failure.Message})");
        }
        return Results.Created($"/messages/{Guid.NewGuid()}", null);
    }

    private IResult Refuse(int status, string reason)
    {
        Refused.Enqueue(reason);
        return Results.StatusCode(status);
    }

    /// <summary>"vapid t=JWT, k=key": the key is the one subscribed with, the ES256 signature holds, aud is this origin, exp is ahead (at most 24 h).</summary>
    private static string? VerifiedSubject(string authorization, string applicationServerKey, string origin)
    {
        if (!authorization.StartsWith("vapid ", StringComparison.Ordinal))
            return null;
        var parameters = authorization[6..].Split(',').Select(p => p.Trim().Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "");
        if (parameters.GetValueOrDefault("k") != applicationServerKey || parameters.GetValueOrDefault("t")?.Split('.') is not [var header, var claims, var signature])
            return null;
        var point = WebEncoders.Base64UrlDecode(applicationServerKey);
        using var key = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = point[1..33], Y = point[33..] } });
        if (!key.VerifyData(Encoding.ASCII.GetBytes($"{header}.{claims}"), WebEncoders.Base64UrlDecode(signature), HashAlgorithmName.SHA256))
            return null;
        using var headerJson = JsonDocument.Parse(WebEncoders.Base64UrlDecode(header));
        using var claimsJson = JsonDocument.Parse(WebEncoders.Base64UrlDecode(claims));
        var (alg, aud, exp, sub) = (headerJson.RootElement.GetProperty("alg").GetString(), claimsJson.RootElement.GetProperty("aud").GetString(),
            DateTimeOffset.FromUnixTimeSeconds(claimsJson.RootElement.GetProperty("exp").GetInt64()), claimsJson.RootElement.GetProperty("sub").GetString());
        var ok = alg == "ES256" && aud == origin && exp > DateTimeOffset.UtcNow && exp <= DateTimeOffset.UtcNow.AddHours(24).AddMinutes(1)
                 && sub is not null && (sub.StartsWith("mailto:", StringComparison.Ordinal) || sub.StartsWith("https:", StringComparison.Ordinal));
        return ok ? sub : null;
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
            await app.DisposeAsync();
    }

    /// <summary>A user agent's side of a subscription: its ECDH key pair and authentication secret.</summary>
    private sealed class Browser(string applicationServerKey)
    {
        private readonly ECDiffieHellman key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        private readonly byte[] auth = RandomNumberGenerator.GetBytes(16);

        public string Id { get; } = Guid.NewGuid().ToString("N");
        public string ApplicationServerKey { get; } = applicationServerKey;
        public bool Gone { get; set; }
        public string Auth => WebEncoders.Base64UrlEncode(auth);
        public string PublicKey => WebEncoders.Base64UrlEncode(Point);

        private byte[] Point
        {
            get
            {
                var q = key.ExportParameters(false).Q;
                return [0x04, .. q.X!, .. q.Y!];
            }
        }

        /// <summary>RFC 8188 header (salt, record size, the sender's key) and one record; keys derived as RFC 8291 says.</summary>
        public string Decrypt(byte[] body)
        {
            var salt = body[..16];
            var idLength = body[20];
            var senderPoint = body[21..(21 + idLength)];
            var record = body[(21 + idLength)..];
            using var sender = ECDiffieHellman.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = senderPoint[1..33], Y = senderPoint[33..] } });
            var shared = key.DeriveRawSecretAgreement(sender.PublicKey);
            byte[] keyInfo = [.. "WebPush: info\0"u8, .. Point, .. senderPoint];
            var ikm = HKDF.DeriveKey(HashAlgorithmName.SHA256, shared, 32, auth, keyInfo);
            var cek = HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, 16, salt, "Content-Encoding: aes128gcm\0"u8.ToArray());
            var nonce = HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, 12, salt, "Content-Encoding: nonce\0"u8.ToArray());
            var plain = new byte[record.Length - 16];
            using var aes = new AesGcm(cek, 16);
            aes.Decrypt(nonce, record[..^16], record[^16..], plain);
            var end = Array.FindLastIndex(plain, b => b != 0);
            if (end < 0 || plain[end] != 0x02)
                throw new CryptographicException("The last record's delimiter is missing.");
            return Encoding.UTF8.GetString(plain, 0, end);
        }
    }
}

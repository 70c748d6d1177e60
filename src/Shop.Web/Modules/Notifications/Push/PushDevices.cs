using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Shop.Web.Modules.Notifications.Sending;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Errors;

namespace Shop.Web.Modules.Notifications.Push;

/// <summary>What a browser's <c>PushSubscription.toJSON()</c> gives: where to send, and the keys to encrypt for.</summary>
public sealed class PushSubscriptionRequest
{
    public string? Endpoint { get; set; }
    public PushSubscriptionKeys? Keys { get; set; }
}

public sealed class PushSubscriptionKeys
{
    public string? P256dh { get; set; }
    public string? Auth { get; set; }
}

public sealed record PushDeviceView(Guid Id, string Device, DateTimeOffset CreatedAt);

/// <summary>The devices a user turned push on for: added from the browser, listed and removed on the settings page.</summary>
public sealed class PushDevices(ShopDbContext db, IOptions<NotificationOptions> options, TimeProvider clock)
{
    public async Task<IReadOnlyList<PushDeviceView>> ListAsync(Guid userId, CancellationToken cancellationToken = default) =>
        await db.Set<PushSubscriptionRow>().AsNoTracking().Where(s => s.UserId == userId).OrderBy(s => s.CreatedAt)
            .Select(s => new PushDeviceView(s.Id, s.Device, s.CreatedAt)).ToListAsync(cancellationToken);

    /// <summary>
    /// Keeps the device's subscription for the user. A browser has one subscription per shop, so the same
    /// endpoint again (a new key, another account signed in on it) replaces the old row.
    /// </summary>
    public async Task<PushDeviceView> AddAsync(Guid userId, PushSubscriptionRequest request, string? userAgent, CancellationToken cancellationToken = default)
    {
        var endpoint = CheckedEndpoint(request.Endpoint);
        var p256dh = CheckedKey(request.Keys?.P256dh, "Keys.P256dh", 65, "the browser's P-256 public key");
        var auth = CheckedKey(request.Keys?.Auth, "Keys.Auth", 16, "the browser's 16-byte authentication secret");
        if (!IsCurvePoint(WebEncoders.Base64UrlDecode(p256dh)))
            throw new InputValidationException("Keys.P256dh", "Send the browser's P-256 public key as its subscription gives it.");

        var row = await db.Set<PushSubscriptionRow>().SingleOrDefaultAsync(s => s.Endpoint == endpoint, cancellationToken);
        if (row is null)
            db.Add(row = new PushSubscriptionRow { Id = Guid.CreateVersion7(), Endpoint = endpoint, CreatedAt = clock.GetUtcNow() });
        (row.UserId, row.P256dh, row.Auth, row.Device) = (userId, p256dh, auth, DeviceName.Of(userAgent));
        await db.SaveChangesAsync(cancellationToken);
        return new PushDeviceView(row.Id, row.Device, row.CreatedAt);
    }

    /// <summary>Turns push off for one of the user's devices; false when it is not theirs (or gone).</summary>
    public async Task<bool> RemoveAsync(Guid userId, Guid deviceId, CancellationToken cancellationToken = default) =>
        await db.Set<PushSubscriptionRow>().Where(s => s.Id == deviceId && s.UserId == userId).ExecuteDeleteAsync(cancellationToken) == 1;

    /// <summary>The browser turned push off itself: forget the endpoint if it is the user's.</summary>
    public async Task<bool> RemoveAsync(Guid userId, string? endpoint, CancellationToken cancellationToken = default) =>
        endpoint is not null
        && await db.Set<PushSubscriptionRow>().Where(s => s.Endpoint == endpoint && s.UserId == userId).ExecuteDeleteAsync(cancellationToken) == 1;

    private string CheckedEndpoint(string? endpoint)
    {
        const string field = "Endpoint";
        if (string.IsNullOrWhiteSpace(endpoint) || endpoint.Length > 1000 || endpoint.Any(char.IsControl)
            || !Uri.TryCreate(endpoint, UriKind.Absolute, out var uri))
            throw new InputValidationException(field, "Send the subscription's endpoint: an absolute URL of at most 1,000 characters.");
        var loopback = uri.IsLoopback || IPAddress.TryParse(uri.Host, out var address) && IPAddress.IsLoopback(address);
        if (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && loopback))
            throw new InputValidationException(field, "A push service is reached over https.");
        if (!options.Value.PushServiceHosts.Any(host => host.StartsWith('.')
                ? uri.Host.EndsWith(host, StringComparison.OrdinalIgnoreCase)
                : uri.Host.Equals(host, StringComparison.OrdinalIgnoreCase)))
            throw new InputValidationException(field, $"The shop does not send to the push service at {uri.Host}.");
        return uri.AbsoluteUri;
    }

    private static string CheckedKey(string? value, string field, int length, string what)
    {
        try
        {
            if (value is { Length: > 0 and <= 100 } && WebEncoders.Base64UrlDecode(value).Length == length)
                return value;
        }
        catch (FormatException)
        {
        }
        throw new InputValidationException(field, $"Send {what}, base64url-encoded, as the browser's subscription gives it.");
    }

    private static bool IsCurvePoint(byte[] point)
    {
        if (point[0] != 0x04)
            return false;
        try
        {
            using var key = ECDiffieHellman.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = point[1..33], Y = point[33..] } });
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}

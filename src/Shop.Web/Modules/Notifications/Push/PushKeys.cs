using System.Security.Cryptography;
using Lib.Net.Http.WebPush.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Shop.Web.Platform.Commands;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Storefront;

namespace Shop.Web.Modules.Notifications.Push;

/// <summary>
/// The shop's VAPID identity (RFC 8292): one P-256 key pair made at setup and kept in PostgreSQL, so every
/// instance signs with the same key the browsers subscribed with. Made on first use too, should setup not
/// have run; the first writer wins and everyone reads its pair.
/// </summary>
public sealed class PushKeys(IServiceScopeFactory scopes, IDataProtectionProvider protection, IOptions<StorefrontSettings> store, TimeProvider clock)
{
    private readonly IDataProtector protector = protection.CreateProtector("Notifications.Push.VapidPrivateKey");
    private readonly SemaphoreSlim loading = new(1, 1);
    private (string Public, string Private)? keys;

    /// <summary>The application server key browsers subscribe with (uncompressed point, base64url).</summary>
    public async Task<string> PublicKeyAsync(CancellationToken cancellationToken = default) => (await KeysAsync(cancellationToken)).Public;

    /// <summary>Signs push requests for this shop; "mailto:" the support address says who to contact about them.</summary>
    public async Task<VapidAuthentication> AuthenticationAsync(CancellationToken cancellationToken = default)
    {
        var (publicKey, privateKey) = await KeysAsync(cancellationToken);
        return new VapidAuthentication(publicKey, privateKey) { Subject = "mailto:" + store.Value.SupportEmail };
    }

    public async Task<(string Public, string Private)> KeysAsync(CancellationToken cancellationToken = default)
    {
        if (keys is { } known)
            return known;
        await loading.WaitAsync(cancellationToken);
        try
        {
            return keys ??= await LoadOrCreateAsync(cancellationToken);
        }
        finally
        {
            loading.Release();
        }
    }

    private async Task<(string, string)> LoadOrCreateAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        var (publicKey, privateKey) = NewPair();
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO notifications.push_keys (id, public_key, private_key, created_at)
            VALUES (1, {publicKey}, {protector.Protect(privateKey)}, {clock.GetUtcNow()})
            ON CONFLICT (id) DO NOTHING
            """, cancellationToken);
        var stored = await db.Set<PushKeyPair>().AsNoTracking().SingleAsync(cancellationToken);
        return (stored.PublicKey, protector.Unprotect(stored.PrivateKey));
    }

    private static (string Public, string Private) NewPair()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var parameters = key.ExportParameters(includePrivateParameters: true);
        byte[] point = [0x04, .. parameters.Q.X!, .. parameters.Q.Y!];
        return (WebEncoders.Base64UrlEncode(point), WebEncoders.Base64UrlEncode(parameters.D!));
    }
}

/// <summary>Makes the key pair at setup, so the first subscriber does not wait for it.</summary>
internal sealed class PushKeysSetup(PushKeys keys) : ISetupStep
{
    public int Order => 5;

    public async Task RunAsync(TextWriter output, CancellationToken cancellationToken) => await keys.KeysAsync(cancellationToken);
}

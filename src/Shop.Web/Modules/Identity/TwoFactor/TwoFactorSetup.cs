using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using QRCoder;
using Shop.Web.Modules.Identity.Auth;
using Shop.Web.Modules.Identity.Data;
using Shop.Web.Platform.Errors;
using Shop.Web.Platform.Storefront;

namespace Shop.Web.Modules.Identity.TwoFactor;

public sealed record AuthenticatorSetup(string SharedKey, string AuthenticatorUri, string QrCodeDataUri);

/// <summary>Authenticator-app two-factor sign-in: set-up with a QR code, recovery codes, turning it off.</summary>
public sealed class TwoFactorSetup(UserManager<ShopUser> users, IOptions<StorefrontSettings> store)
{
    public async Task<AuthenticatorSetup> GetSetupAsync(Guid userId)
    {
        var user = await FindAsync(userId);
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }
        var issuer = UrlEncoder.Default.Encode(store.Value.Name);
        var uri = $"otpauth://totp/{issuer}:{UrlEncoder.Default.Encode(user.Email!)}?secret={key}&issuer={issuer}&digits=6";
        using var qr = QRCodeGenerator.GenerateQrCode(uri, QRCodeGenerator.ECCLevel.Q);
        var png = new PngByteQRCode(qr).GetGraphic(5);
        return new AuthenticatorSetup(FormatKey(key!), uri, "data:image/png;base64," + Convert.ToBase64String(png));
    }

    /// <summary>Turns two-factor sign-in on once a code from the app proves the set-up; returns fresh recovery codes.</summary>
    public async Task<IReadOnlyList<string>> EnableAsync(Guid userId, string code)
    {
        var user = await FindAsync(userId);
        var valid = await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, TwoFactorCodes.Authenticator(code));
        if (!valid)
            throw new InputValidationException("Code", "That code is not right. Enter the 6-digit code your app shows now.");
        (await users.SetTwoFactorEnabledAsync(user, true)).ThrowIfFailed();
        return (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))!.ToList();
    }

    public async Task<IReadOnlyList<string>> RegenerateRecoveryCodesAsync(Guid userId)
    {
        var user = await FindAsync(userId);
        if (!user.TwoFactorEnabled)
            throw new ConflictException("two_factor.disabled", "Turn on two-factor sign-in first.");
        return (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))!.ToList();
    }

    public async Task DisableAsync(Guid userId)
    {
        var user = await FindAsync(userId);
        (await users.SetTwoFactorEnabledAsync(user, false)).ThrowIfFailed();
        (await users.ResetAuthenticatorKeyAsync(user)).ThrowIfFailed();
    }

    private async Task<ShopUser> FindAsync(Guid userId) =>
        await users.FindByIdAsync(userId.ToString()) ?? throw new InvalidOperationException($"Unknown user {userId}.");

    private static string FormatKey(string key)
    {
        var formatted = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
            formatted.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        return formatted.ToString().TrimEnd().ToLowerInvariant();
    }
}

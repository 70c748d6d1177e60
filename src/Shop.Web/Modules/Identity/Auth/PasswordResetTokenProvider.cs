using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Shop.Web.Modules.Identity.Data;

namespace Shop.Web.Modules.Identity.Auth;

/// <summary>
/// Password reset links live one hour (confirmation links two days). They are single-use because
/// a reset changes the security stamp the token is bound to. Expiry is judged by the application's
/// clock, which Identity's provider does not consult.
/// </summary>
public sealed class PasswordResetTokenProvider(
    IDataProtectionProvider dataProtectionProvider,
    IOptions<PasswordResetTokenProviderOptions> options,
    ILogger<DataProtectorTokenProvider<ShopUser>> logger,
    TimeProvider clock)
    : DataProtectorTokenProvider<ShopUser>(dataProtectionProvider, options, logger)
{
    public const string ProviderName = "PasswordReset";

    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<ShopUser> manager, ShopUser user)
    {
        try
        {
            // The protected payload starts with the creation time in UTC ticks.
            using var reader = new BinaryReader(new MemoryStream(Protector.Unprotect(Convert.FromBase64String(token))));
            var created = new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero);
            if (created + Options.TokenLifespan < clock.GetUtcNow())
                return false;
        }
        catch (Exception e) when (e is FormatException or CryptographicException or EndOfStreamException)
        {
            return false;
        }
        return await base.ValidateAsync(purpose, token, manager, user);
    }
}

public sealed class PasswordResetTokenProviderOptions : DataProtectionTokenProviderOptions
{
    public PasswordResetTokenProviderOptions()
    {
        Name = PasswordResetTokenProvider.ProviderName;
        TokenLifespan = TimeSpan.FromHours(1);
    }
}

using System.Security.Cryptography;
using System.Text;
using Dapper;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Shop.Web.Modules.Identity.Data;
using Shop.Web.Platform.Database;

namespace Shop.Web.Modules.Identity.Auth;

public sealed record TokenPair(string AccessToken, string RefreshToken, int ExpiresIn, string TokenType = "Bearer");

public sealed class ApiTokenOptions
{
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(30);
}

/// <summary>
/// Issues short-lived bearer access tokens (the framework's bearer-token format, protected by the
/// shared Data Protection keys) and stored, rotating refresh tokens.
/// </summary>
public sealed class ApiTokens(
    ShopDbContext db,
    SignInManager<ShopUser> signIn,
    IOptionsMonitor<BearerTokenOptions> bearerOptions,
    IOptions<ApiTokenOptions> options,
    TimeProvider clock)
{
    public async Task<TokenPair> IssueAsync(ShopUser user, Guid? familyId = null)
    {
        var now = clock.GetUtcNow();
        var principal = await signIn.CreateUserPrincipalAsync(user);
        var bearer = bearerOptions.Get(IdentityConstants.BearerScheme);
        var ticket = new AuthenticationTicket(principal, new AuthenticationProperties { ExpiresUtc = now + options.Value.AccessTokenLifetime }, IdentityConstants.BearerScheme);

        var refreshToken = Base64Url(RandomNumberGenerator.GetBytes(32));
        db.Add(RefreshToken.Issue(user.Id, familyId ?? Guid.CreateVersion7(now), Hash(refreshToken), now, options.Value.RefreshTokenLifetime));
        await db.SaveChangesAsync();

        return new TokenPair(bearer.BearerTokenProtector.Protect(ticket), refreshToken, (int)options.Value.AccessTokenLifetime.TotalSeconds);
    }

    /// <summary>
    /// Exchanges a refresh token for a new pair. The token is consumed with one conditional update,
    /// so two concurrent refreshes cannot both succeed; a token presented after it was used is
    /// treated as stolen and its whole family is revoked.
    /// </summary>
    public async Task<TokenPair?> RefreshAsync(string refreshToken)
    {
        var now = clock.GetUtcNow();
        var hash = Hash(refreshToken);
        var connection = db.Database.GetDbConnection();
        var consumed = await connection.QuerySingleOrDefaultAsync<ConsumedToken>("""
            UPDATE identity.refresh_tokens SET used_at = @now
             WHERE token_hash = @hash AND used_at IS NULL AND revoked_at IS NULL AND expires_at > @now
            RETURNING user_id AS UserId, family_id AS FamilyId
            """, new { hash, now });
        if (consumed is null)
        {
            await connection.ExecuteAsync("""
                UPDATE identity.refresh_tokens SET revoked_at = @now
                 WHERE revoked_at IS NULL
                   AND family_id = (SELECT family_id FROM identity.refresh_tokens WHERE token_hash = @hash AND used_at IS NOT NULL)
                """, new { hash, now });
            return null;
        }

        var user = await db.Users.FindAsync(consumed.UserId);
        if (user is null || !await signIn.CanSignInAsync(user))
            return null;
        return await IssueAsync(user, consumed.FamilyId);
    }

    /// <summary>Revokes the token's family (sign-out of that device); unknown tokens are ignored.</summary>
    public Task RevokeFamilyAsync(string refreshToken) => db.Database.GetDbConnection().ExecuteAsync("""
        UPDATE identity.refresh_tokens SET revoked_at = @now
         WHERE revoked_at IS NULL AND family_id = (SELECT family_id FROM identity.refresh_tokens WHERE token_hash = @hash)
        """, new { hash = Hash(refreshToken), now = clock.GetUtcNow() });

    /// <summary>Revokes every refresh token of a user (deactivation, password reset).</summary>
    public Task RevokeAllAsync(Guid userId) => db.Set<RefreshToken>()
        .Where(t => t.UserId == userId && t.RevokedAt == null)
        .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, clock.GetUtcNow()));

    private sealed record ConsumedToken(Guid UserId, Guid FamilyId);

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

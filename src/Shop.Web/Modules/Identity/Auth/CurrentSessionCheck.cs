using System.Security.Claims;
using Dapper;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Shop.Web.Modules.Identity.Auth;

/// <summary>
/// Runs on every authenticated request, cookie or bearer: a session whose user was deactivated, or
/// whose security stamp changed (password change, sign-out everywhere), becomes anonymous at once,
/// and roles come from the database, so a role change takes effect on the next request.
/// </summary>
internal sealed class CurrentSessionCheck(NpgsqlDataSource dataSource, IOptions<IdentityOptions> identityOptions) : IClaimsTransformation
{
    public const string TwoFactorClaim = "shop:2fa";
    private const string CheckedClaim = "shop:checked";

    private sealed class UserState
    {
        public string? SecurityStamp { get; init; }
        public bool Active { get; init; }
        public bool TwoFactorEnabled { get; init; }
        public string[] Roles { get; init; } = [];
    }

    public async Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        // Only full sign-ins (cookie or bearer, both built by Identity's principal factory); the
        // half-way two-factor and external-login cookies carry no session to check.
        if (principal.Identity is not ClaimsIdentity { IsAuthenticated: true, AuthenticationType: var type } identity
            || type != IdentityConstants.ApplicationScheme
            || identity.HasClaim(c => c.Type == CheckedClaim))
            return principal;
        if (!Guid.TryParse(identity.FindFirst(ClaimTypes.NameIdentifier)?.Value, out var userId))
            return Anonymous();

        await using var connection = await dataSource.OpenConnectionAsync();
        var state = await connection.QuerySingleOrDefaultAsync<UserState>("""
            SELECT u.security_stamp AS SecurityStamp, u.deactivated_at IS NULL AS Active, u.two_factor_enabled AS TwoFactorEnabled,
                   coalesce(array_agg(r.name::text) FILTER (WHERE r.name IS NOT NULL), '{}') AS Roles
              FROM identity.users u
              LEFT JOIN identity.user_roles ur ON ur.user_id = u.id
              LEFT JOIN identity.roles r ON r.id = ur.role_id
             WHERE u.id = @userId
             GROUP BY u.id
            """, new { userId });
        var claimedStamp = identity.FindFirst(identityOptions.Value.ClaimsIdentity.SecurityStampClaimType)?.Value;
        if (state is null || !state.Active || claimedStamp != state.SecurityStamp)
            return Anonymous();

        var roleClaimType = identity.RoleClaimType;
        var current = new ClaimsIdentity(identity.Claims.Where(c => c.Type != roleClaimType), identity.AuthenticationType, identity.NameClaimType, roleClaimType);
        current.AddClaims(state.Roles.Select(role => new Claim(roleClaimType, role)));
        if (state.TwoFactorEnabled)
            current.AddClaim(new Claim(TwoFactorClaim, "true"));
        current.AddClaim(new Claim(CheckedClaim, "true"));
        return new ClaimsPrincipal(current);
    }

    private static ClaimsPrincipal Anonymous() => new(new ClaimsIdentity());
}

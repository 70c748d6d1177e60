using System.ComponentModel.DataAnnotations;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Shop.Web.Modules.Identity.Auth;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Modules.Identity.Data;
using Shop.Web.Platform.Api;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Errors;

namespace Shop.Web.Modules.Identity.UserAdmin;

public sealed record UserSearch
{
    /// <summary>Part of an email address or name.</summary>
    [MaxLength(100)]
    public string? Q { get; init; }

    /// <summary>Only users holding this role.</summary>
    [AllowedValues(null, Roles.Customer, Roles.Seller, Roles.Admin, Roles.Support)]
    public string? Role { get; init; }

    /// <summary>active or deactivated.</summary>
    [AllowedValues(null, "active", "deactivated")]
    public string? Status { get; init; }
}

public sealed record UserSummary(Guid Id, string Email, string Name, bool EmailConfirmed, bool Active, DateTimeOffset CreatedAt, IReadOnlyList<string> Roles);

public sealed record UserDetail(
    Guid Id, string Email, string Name, string? Phone, bool EmailConfirmed, bool Active, DateTimeOffset CreatedAt, DateTimeOffset? DeactivatedAt,
    bool TwoFactorEnabled, bool LockedOut, int AddressCount, IReadOnlyList<string> Roles);

/// <summary>A user as a row of the users export.</summary>
public sealed record UserRow([property: CsvHelper.Configuration.Attributes.Ignore] Guid Id, string Email, string Name, string? Phone, bool EmailConfirmed,
    bool Active, DateTimeOffset RegisteredAt, string Roles);

public sealed class RolesRequest
{
    [Required]
    public List<string> Roles { get; set; } = [];
}

/// <summary>What admins do with accounts: find, inspect, deactivate, reactivate, grant and revoke roles.</summary>
public sealed class UserAdministration(ShopDbContext db, UserManager<ShopUser> users, ApiTokens tokens, TimeProvider clock)
{
    public async Task<Paged<UserSummary>> SearchAsync(UserSearch search, PageRequest page)
    {
        var summaries = Matching(search).OrderByDescending(u => u.CreatedAt).Select(u => new UserSummary(
            u.Id, u.Email!, u.DisplayName, u.EmailConfirmed, u.DeactivatedAt == null, u.CreatedAt,
            db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).OrderBy(n => n).ToList()));
        return await summaries.ToPagedAsync(page);
    }

    /// <summary>The users a search finds, as CSV rows in pages along their ids (time-ordered), for a download of any size.</summary>
    public async IAsyncEnumerable<IReadOnlyList<UserRow>> ExportAsync(UserSearch search, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = Matching(search);
        Guid? after = null;
        while (true)
        {
            var page = after is { } last ? query.Where(u => u.Id.CompareTo(last) > 0) : query;
            var users = await page.OrderBy(u => u.Id).Take(1000).Select(u => new
                {
                    u.Id, u.Email, u.DisplayName, u.PhoneNumber, u.EmailConfirmed, u.DeactivatedAt, u.CreatedAt,
                    Roles = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).OrderBy(n => n).ToList(),
                })
                .ToListAsync(cancellationToken);
            var rows = users.Select(u => new UserRow(u.Id, u.Email!, u.DisplayName, u.PhoneNumber, u.EmailConfirmed, u.DeactivatedAt == null, u.CreatedAt,
                string.Join(" ", u.Roles))).ToList();
            if (rows.Count == 0)
                yield break;
            yield return rows;
            after = rows[^1].Id;
        }
    }

    private IQueryable<ShopUser> Matching(UserSearch search)
    {
        var query = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search.Q))
        {
            var pattern = $"%{search.Q.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_")}%";
            query = query.Where(u => EF.Functions.ILike(u.Email!, pattern) || EF.Functions.ILike(u.DisplayName, pattern));
        }
        if (search.Status == "active")
            query = query.Where(u => u.DeactivatedAt == null);
        else if (search.Status == "deactivated")
            query = query.Where(u => u.DeactivatedAt != null);
        if (search.Role is not null)
            query = query.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == search.Role)));
        return query;
    }

    public async Task<UserDetail?> GetAsync(Guid id)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
            return null;
        var addressCount = await db.Set<Address>().CountAsync(a => a.UserId == id);
        return new UserDetail(user.Id, user.Email!, user.DisplayName, user.PhoneNumber, user.EmailConfirmed, user.IsActive, user.CreatedAt,
            user.DeactivatedAt, user.TwoFactorEnabled, await users.IsLockedOutAsync(user), addressCount, (await users.GetRolesAsync(user)).Order().ToList());
    }

    /// <summary>Ends every session of the user at once and refuses new sign-ins until reactivated.</summary>
    public async Task<UserDetail?> DeactivateAsync(Guid adminId, Guid id)
    {
        if (adminId == id)
            throw new ConflictException("user.self_deactivation", "You cannot deactivate your own account.");
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
            return null;
        user.Deactivate(clock.GetUtcNow());
        (await users.UpdateAsync(user)).ThrowIfFailed();
        (await users.UpdateSecurityStampAsync(user)).ThrowIfFailed();
        await tokens.RevokeAllAsync(user.Id);
        return await GetAsync(id);
    }

    public async Task<UserDetail?> ReactivateAsync(Guid id)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
            return null;
        user.Reactivate();
        (await users.UpdateAsync(user)).ThrowIfFailed();
        return await GetAsync(id);
    }

    /// <summary>Makes the user's roles exactly <paramref name="roles"/>; takes effect on their next request.</summary>
    public async Task<UserDetail?> SetRolesAsync(Guid adminId, Guid id, IReadOnlyCollection<string> roles)
    {
        var unknown = roles.Except(Roles.All).ToList();
        if (unknown.Count > 0)
            throw new InputValidationException(nameof(RolesRequest.Roles), $"Unknown role(s): {string.Join(", ", unknown)}. Roles are {string.Join(", ", Roles.All)}.");
        if (adminId == id && !roles.Contains(Roles.Admin))
            throw new ConflictException("user.self_demotion", "You cannot remove your own admin role.");
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
            return null;

        var current = await users.GetRolesAsync(user);
        await using var transaction = await db.Database.BeginTransactionAsync();
        (await users.RemoveFromRolesAsync(user, current.Except(roles))).ThrowIfFailed();
        (await users.AddToRolesAsync(user, roles.Except(current).Distinct())).ThrowIfFailed();
        await transaction.CommitAsync();
        return await GetAsync(id);
    }
}

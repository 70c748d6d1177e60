using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Modules.Identity.Data;
using Shop.Web.Platform.Database;

namespace Shop.Web.Modules.Identity.Addresses;

internal sealed class StaffDirectory(ShopDbContext db) : IStaffDirectory
{
    private static readonly string[] AgentRoles = [Roles.Support.ToUpperInvariant(), Roles.Admin.ToUpperInvariant()];

    public async Task<IReadOnlyList<StaffMember>> AgentsAsync(CancellationToken cancellationToken = default) =>
        await Agents().OrderBy(u => u.DisplayName).ThenBy(u => u.Email)
            .Select(u => new StaffMember(u.Id, u.DisplayName, u.Email!)).ToListAsync(cancellationToken);

    public Task<StaffMember?> FindAgentAsync(Guid userId, CancellationToken cancellationToken = default) =>
        Agents().Where(u => u.Id == userId).Select(u => new StaffMember(u.Id, u.DisplayName, u.Email!)).SingleOrDefaultAsync(cancellationToken);

    public async Task<IReadOnlyDictionary<Guid, string>> NamesAsync(IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken = default) =>
        userIds.Count == 0 ? new Dictionary<Guid, string>()
        : await db.Set<ShopUser>().AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);

    private IQueryable<ShopUser> Agents() =>
        db.Set<ShopUser>().AsNoTracking().Where(u => u.DeactivatedAt == null && db.Set<IdentityUserRole<Guid>>()
            .Any(ur => ur.UserId == u.Id && db.Set<ShopRole>().Any(r => r.Id == ur.RoleId && AgentRoles.Contains(r.NormalizedName!))));
}

using Microsoft.EntityFrameworkCore;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Modules.Identity.Data;
using Shop.Web.Platform.Database;

namespace Shop.Web.Modules.Identity.SellerApplications;

/// <summary>A seller's shop name is the one of their latest approved application.</summary>
internal sealed class SellerDirectory(ShopDbContext db) : ISellerDirectory
{
    public async Task<IReadOnlyDictionary<Guid, SellerProfile>> FindAsync(IReadOnlyCollection<Guid> sellerIds) =>
        (await Approved().Where(a => sellerIds.Contains(a.UserId)).ToListAsync())
            .GroupBy(a => a.UserId)
            .ToDictionary(g => g.Key, g => new SellerProfile(g.Key, g.OrderByDescending(a => a.DecidedAt).First().ShopName));

    public async Task<IReadOnlyList<SellerProfile>> AllAsync() =>
        (await Approved().ToListAsync())
            .GroupBy(a => a.UserId)
            .Select(g => new SellerProfile(g.Key, g.OrderByDescending(a => a.DecidedAt).First().ShopName))
            .OrderBy(s => s.ShopName)
            .ToList();

    private IQueryable<SellerApplication> Approved() =>
        db.Set<SellerApplication>().AsNoTracking().Where(a => a.Status == SellerApplicationStatus.Approved);
}

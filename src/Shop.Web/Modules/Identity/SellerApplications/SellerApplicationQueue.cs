using Microsoft.EntityFrameworkCore;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Modules.Identity.Data;
using Shop.Web.Platform.Database;

namespace Shop.Web.Modules.Identity.SellerApplications;

internal sealed class SellerApplicationQueue(ShopDbContext db) : ISellerApplicationQueue
{
    public async Task<IReadOnlyList<PendingSellerApplication>> PendingAsync(int limit, CancellationToken cancellationToken = default) =>
        await db.Set<SellerApplication>().AsNoTracking().Where(a => a.Status == SellerApplicationStatus.Pending).OrderBy(a => a.SubmittedAt).Take(limit)
            .Select(a => new PendingSellerApplication(a.Id, a.ShopName, a.SubmittedAt)).ToListAsync(cancellationToken);
}

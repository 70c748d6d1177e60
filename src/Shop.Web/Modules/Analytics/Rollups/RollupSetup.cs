using Microsoft.EntityFrameworkCore;
using Shop.Web.Modules.Analytics.Data;
using Shop.Web.Modules.Ordering.Contracts;
using Shop.Web.Platform.Commands;
using Shop.Web.Platform.Database;

namespace Shop.Web.Modules.Analytics.Rollups;

/// <summary>Counts the sales figures from the order history when orders exist that no figure counts yet (orders that arrived without their events, as the demo's history does).</summary>
internal sealed class RollupSetup(ShopDbContext db, IOrderFacts orders, RollupRebuild rebuild) : ISetupStep
{
    public int Order => 95;

    public async Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        if (await db.Set<CountedOrder>().AnyAsync(cancellationToken) || await orders.CountAsync(cancellationToken) == 0)
            return;
        var counted = await rebuild.RunAsync(new Progress<(int, int)>(), cancellationToken);
        await output.WriteLineAsync($"Sales figures counted from {counted} orders.");
    }
}

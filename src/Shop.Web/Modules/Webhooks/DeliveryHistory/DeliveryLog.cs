using Microsoft.EntityFrameworkCore;
using Shop.Web.Modules.Webhooks.Data;
using Shop.Web.Modules.Webhooks.Manage;
using Shop.Web.Platform.Api;
using Shop.Web.Platform.Database;

namespace Shop.Web.Modules.Webhooks.DeliveryHistory;

/// <summary>An endpoint's deliveries with every attempt, newest first, and replays of any of them.</summary>
public sealed class DeliveryLog(ShopDbContext db, TimeProvider clock)
{
    /// <summary>Null when the endpoint is not the owner's.</summary>
    public async Task<Paged<DeliveryView>?> ListAsync(WebhookOwner owner, Guid endpointId, PageRequest page)
    {
        if (!await owner.Visible(db.Set<WebhookEndpoint>()).AnyAsync(e => e.Id == endpointId))
            return null;
        var deliveries = await db.Set<WebhookDelivery>().AsNoTracking().Include(d => d.Attempts)
            .Where(d => d.EndpointId == endpointId).OrderByDescending(d => d.Id).ToPagedAsync(page);
        return new Paged<DeliveryView>(deliveries.Items.Select(DeliveryView.From).ToList(), deliveries.Total, deliveries.Page, deliveries.PageSize);
    }

    /// <summary>Sends a delivery's event again as a new delivery, whether it succeeded, failed or was given up; null when it is not the owner's.</summary>
    public async Task<DeliveryView?> ReplayAsync(WebhookOwner owner, Guid deliveryId)
    {
        var visible = owner.Visible(db.Set<WebhookEndpoint>()).Select(e => e.Id);
        var original = await db.Set<WebhookDelivery>().AsNoTracking()
            .SingleOrDefaultAsync(d => d.Id == deliveryId && visible.Contains(d.EndpointId));
        if (original is null)
            return null;
        var replay = original.Replay(clock.GetUtcNow());
        db.Add(replay);
        await db.SaveChangesAsync();
        return DeliveryView.From(replay);
    }
}

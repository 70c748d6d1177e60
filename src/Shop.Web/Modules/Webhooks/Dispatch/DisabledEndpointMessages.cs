using Microsoft.EntityFrameworkCore;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Modules.Notifications.Contracts;
using Shop.Web.Modules.Webhooks.Contracts;
using Shop.Web.Modules.Webhooks.Data;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Outbox;

namespace Shop.Web.Modules.Webhooks.Dispatch;

/// <summary>Tells an endpoint's owner, by email and in the app, that it was switched off and where to turn it back on.</summary>
internal sealed class DisabledEndpointMessages(ShopDbContext db, ICustomerDirectory people, INotifier notifier) : IIntegrationEventHandler<WebhookEndpointDisabled>
{
    public async Task HandleAsync(WebhookEndpointDisabled disabled, CancellationToken cancellationToken)
    {
        if (await people.FindAsync(disabled.OwnerId) is not { } owner)
            return;
        var scope = await db.Set<WebhookEndpoint>().Where(e => e.Id == disabled.EndpointId).Select(e => (WebhookScope?)e.Scope).SingleOrDefaultAsync(cancellationToken);
        var link = $"/{(scope == WebhookScope.Admin ? "admin" : "seller")}/webhooks/{disabled.EndpointId}";
        await notifier.NotifyAsync(new Notice(NotificationKind.WebhookDisabled, new Recipient(owner.UserId, owner.Email, owner.Name),
            new WebhookDisabledModel(disabled.Url, disabled.Reason, link), LinkPath: link), cancellationToken);
    }
}

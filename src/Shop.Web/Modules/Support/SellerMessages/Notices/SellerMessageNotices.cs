using Microsoft.EntityFrameworkCore;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Modules.Notifications.Contracts;
using Shop.Web.Modules.Support.Contracts;
using Shop.Web.Modules.Support.Data;
using Shop.Web.Modules.Support.SellerMessages.Threads;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Outbox;

namespace Shop.Web.Modules.Support.SellerMessages.Notices;

/// <summary>
/// The seller hears of what the customer (or support) writes in their threads: in the app, and by email when
/// the kind's preferences say so. Notes, system events and the seller's own replies tell them nothing.
/// </summary>
internal sealed class SellerMessageNotices(ShopDbContext db, SellerThreads threads, ICustomerDirectory accounts, INotifier notifier)
    : IIntegrationEventHandler<SupportMessagePosted>
{
    public async Task HandleAsync(SupportMessagePosted posted, CancellationToken cancellationToken)
    {
        var message = await db.Set<SupportMessage>().AsNoTracking().SingleOrDefaultAsync(m => m.Id == posted.MessageId, cancellationToken);
        if (message is not { AuthorKind: AuthorKind.Customer or AuthorKind.Agent })
            return;
        var conversation = await threads.Threads().SingleOrDefaultAsync(c => c.Id == posted.ConversationId, cancellationToken);
        if (conversation?.SellerId is not { } sellerId || await accounts.FindAsync(sellerId) is not { } seller)
            return;
        var view = await threads.ViewAsync(conversation, null, withNotes: false, cancellationToken);
        var link = $"/seller/messages/{conversation.Id}";
        await notifier.NotifyAsync(new Notice(NotificationKind.SellerMessageReceived, new Recipient(seller.UserId, seller.Email, view.SellerName),
            new SellerMessageModel(message.AuthorKind == AuthorKind.Agent ? "Support" : view.CustomerName,
                view.OrderNumber is not null ? $"order {view.OrderNumber}" : view.ProductTitle ?? "a product", message.Body, link),
            Key: $"support:{conversation.Id}:message:{message.Id}", LinkPath: link), cancellationToken);
    }
}

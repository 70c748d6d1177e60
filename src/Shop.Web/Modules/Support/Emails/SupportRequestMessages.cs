using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Modules.Notifications.Contracts;
using Shop.Web.Modules.Ordering.Contracts;
using Shop.Web.Modules.Support.Contracts;
using Shop.Web.Modules.Support.Conversations;
using Shop.Web.Modules.Support.Data;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Localization;
using Shop.Web.Platform.Outbox;

namespace Shop.Web.Modules.Support.Emails;

/// <summary>Confirms a new conversation to its customer, with the way back to it (a guest's is the signed link).</summary>
internal sealed class SupportRequestMessages(ShopDbContext db, ICustomerDirectory customers, ICustomerOrderReferences orders, ConversationAccess access,
    INotifier notifier, IStringLocalizer<Strings> texts) : IIntegrationEventHandler<ConversationStarted>
{
    public async Task HandleAsync(ConversationStarted started, CancellationToken cancellationToken)
    {
        var conversation = await db.Set<Conversation>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == started.ConversationId, cancellationToken);
        // A call-back's confirmation names its slot and number (CallbackMessages); a thread with a seller is the seller's to answer.
        if (conversation is null || conversation.Channel is Channel.Callback or Channel.OrderThread)
            return;
        if (await customers.RecipientOfAsync(conversation) is not { } recipient)
            return;
        var first = await db.Set<SupportMessage>().AsNoTracking().Where(m => m.ConversationId == conversation.Id).OrderBy(m => m.Id)
            .Select(m => m.Body).FirstAsync(cancellationToken);
        var order = conversation is { OrderId: { } orderId, CustomerId: { } owner } ? await orders.FindOwnAsync(owner, orderId, cancellationToken) : null;
        var link = access.LinkPath(conversation.Id, guest: conversation.CustomerId is null);
        await notifier.NotifyAsync(new Notice(NotificationKind.SupportRequestReceived, recipient,
            new SupportRequestModel(texts.For(recipient, conversation.Topic.Label()), first, order?.Number, link),
            Key: $"support:{conversation.Id}:started", LinkPath: recipient.UserId is null ? null : link), cancellationToken);
    }
}

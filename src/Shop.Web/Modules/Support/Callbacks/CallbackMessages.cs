using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Modules.Notifications.Contracts;
using Shop.Web.Modules.Support.Contracts;
using Shop.Web.Modules.Support.Conversations;
using Shop.Web.Modules.Support.Data;
using Shop.Web.Modules.Support.Emails;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Localization;
using Shop.Web.Platform.Outbox;

namespace Shop.Web.Modules.Support.Callbacks;

/// <summary>The customer's emails about a call-back: the confirmation when it is booked, and the reminder before the slot.</summary>
public sealed class CallbackMessages(ShopDbContext db, ICustomerDirectory customers, ConversationAccess access, CallbackSchedule schedule, INotifier notifier,
    IStringLocalizer<Strings> texts)
    : IIntegrationEventHandler<ConversationStarted>
{
    public async Task HandleAsync(ConversationStarted started, CancellationToken cancellationToken)
    {
        if (await db.Set<Conversation>().AsNoTracking().AnyAsync(c => c.Id == started.ConversationId && c.Channel == Channel.Callback, cancellationToken))
            await SendAsync(started.ConversationId, NotificationKind.SupportCallbackBooked, "booked", cancellationToken);
    }

    /// <summary>Queues the email in the caller's transaction; the key makes one per call-back and slot.</summary>
    public async Task SendAsync(Guid conversationId, NotificationKind kind, string what, CancellationToken cancellationToken)
    {
        var row = await (from callback in db.Set<Callback>().AsNoTracking()
                         join c in db.Set<Conversation>().AsNoTracking() on callback.ConversationId equals c.Id
                         where c.Id == conversationId
                         select new { callback, conversation = c }).SingleOrDefaultAsync(cancellationToken);
        if (row is null)
            return;
        var conversation = row.conversation;
        if (await customers.RecipientOfAsync(conversation) is not { } recipient)
            return;
        var note = await db.Set<SupportMessage>().AsNoTracking().Where(m => m.ConversationId == conversationId && m.AuthorKind == AuthorKind.Customer)
            .OrderBy(m => m.Id).Select(m => m.Body).FirstOrDefaultAsync(cancellationToken);
        var link = access.LinkPath(conversationId, guest: conversation.CustomerId is null);
        await notifier.NotifyAsync(new Notice(kind, recipient,
            new SupportCallbackModel(texts.For(recipient, conversation.Topic.Label()), row.callback.Phone,
                schedule.Describe(row.callback.SlotStart, ConversationRecipients.LanguageOf(recipient)), note, link),
            Key: $"support:{conversationId}:callback-{what}:{row.callback.SlotStart.UtcTicks}", LinkPath: recipient.UserId is null ? null : link), cancellationToken);
    }
}

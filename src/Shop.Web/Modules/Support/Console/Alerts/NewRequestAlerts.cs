using Microsoft.EntityFrameworkCore;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Modules.Notifications.Contracts;
using Shop.Web.Modules.Support.Contracts;
using Shop.Web.Modules.Support.Data;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Outbox;

namespace Shop.Web.Modules.Support.Console.Alerts;

/// <summary>
/// Tells every agent (support and admin users) of a new chat or ticket: in the app always, and by email
/// when no agent is online to see it there. Threads with a seller are the seller's to answer (admins oversee them).
/// </summary>
internal sealed class NewRequestAlerts(ShopDbContext db, IStaffDirectory staff, ICustomerDirectory customers, IAgentAvailability availability, INotifier notifier)
    : IIntegrationEventHandler<ConversationStarted>
{
    public const int ExcerptLength = 300;

    public async Task HandleAsync(ConversationStarted started, CancellationToken cancellationToken)
    {
        var conversation = await db.Set<Conversation>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == started.ConversationId, cancellationToken);
        if (conversation is null || conversation.Channel == Channel.OrderThread)
            return;
        var first = await db.Set<SupportMessage>().AsNoTracking()
            .Where(m => m.ConversationId == conversation.Id && m.AuthorKind == AuthorKind.Customer).OrderBy(m => m.Id)
            .Select(m => m.Body).FirstOrDefaultAsync(cancellationToken) ?? "";
        var from = conversation.CustomerId is { } customerId
            ? await customers.FindAsync(customerId) is { } account ? $"{account.Name} <{account.Email}>" : "A customer"
            : $"{conversation.GuestName} <{conversation.GuestEmail}> (guest)";
        var link = ConsolePaths.Conversation(conversation.Id);
        var model = new SupportTicketModel($"{conversation.Channel.Label()}: {conversation.Topic.Label()}", from,
            first.Length <= ExcerptLength ? first : first[..(ExcerptLength - 1)] + "…", link);
        var withEmail = !await availability.AnyoneOnlineAsync(cancellationToken);
        foreach (var agent in await staff.AgentsAsync(cancellationToken))
            await notifier.NotifyAsync(new Notice(NotificationKind.SupportNewTicket, new Recipient(agent.UserId, agent.Email, agent.Name), model,
                Key: $"support:{conversation.Id}:new", LinkPath: link, WithEmail: withEmail), cancellationToken);
    }
}

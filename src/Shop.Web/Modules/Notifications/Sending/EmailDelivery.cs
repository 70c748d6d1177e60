using Microsoft.EntityFrameworkCore;
using Shop.Web.Modules.Notifications.Data;
using Shop.Web.Modules.Notifications.Templates;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Email;
using Shop.Web.Platform.Outbox;

namespace Shop.Web.Modules.Notifications.Sending;

/// <summary>One queued email is ready to leave.</summary>
[IntegrationEventName("notifications.email-queued")]
public sealed record EmailQueued(Guid EmailId) : IIntegrationEvent;

/// <summary>
/// Sends one queued email. A failure (SMTP down, refused) fails the outbox message, which retries it
/// with backoff and dead-letters it after the last try; admins see and retry those. The row is marked
/// sent in the same transaction that records the event as handled, so a redelivery sends nothing again.
/// </summary>
internal sealed class EmailDelivery(ShopDbContext db, IEmailSender sender, TimeProvider clock) : IIntegrationEventHandler<EmailQueued>
{
    public async Task HandleAsync(EmailQueued queued, CancellationToken cancellationToken)
    {
        var email = await db.Set<OutgoingEmail>().SingleOrDefaultAsync(e => e.Id == queued.EmailId, cancellationToken);
        if (email is null || email.SentAt is not null)
            return;
        await sender.SendAsync(new EmailMessage(email.Recipient, email.Subject, email.TextBody, email.HtmlBody, email.Id), cancellationToken);
        email.MarkSent(clock.GetUtcNow(), NotificationKinds.FromSlug(email.Kind)?.Sensitive == true);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Modules.Notifications.Contracts;
using Shop.Web.Modules.Notifications.Data;
using Shop.Web.Modules.Notifications.Push;
using Shop.Web.Modules.Notifications.Templates;
using Shop.Web.Modules.Notifications.TextMessages;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Outbox;
using Shop.Web.Platform.Storefront;

namespace Shop.Web.Modules.Notifications.Sending;

/// <summary>
/// Renders a notice and stores its email, in-app entry, pushes and text message in the caller's transaction.
/// Every insert is keyed by (fact, recipient, device or phone number), so a duplicated event adds nothing;
/// emails, pushes and text messages leave later, each through its own outbox event.
/// </summary>
internal sealed class Notifier(ShopDbContext db, IOutbox outbox, EmailTemplates templates, CurrentOutboxMessage current, TextMessageQueue textMessages,
    ICustomerDirectory customers, IOptions<StorefrontSettings> store, TimeProvider clock) : INotifier
{
    public async Task NotifyAsync(Notice notice, CancellationToken cancellationToken)
    {
        var kind = NotificationKinds.Of(notice.Kind);
        var choice = await ChoiceAsync(kind, notice.To.UserId, cancellationToken);
        var email = choice.Email && notice.WithEmail;
        var userId = kind.InApp && choice.InApp ? notice.To.UserId : null;
        var pushTo = kind.Push && choice.Push ? notice.To.UserId : null;
        var phone = kind.Sms && choice.Sms && notice.To.UserId is { } texted ? await customers.VerifiedPhoneAsync(texted, cancellationToken) : null;
        if (!email && userId is null && pushTo is null && phone is null)
            return;

        var key = $"{kind.Slug}:{notice.Key ?? current.Id?.ToString() ?? Guid.NewGuid().ToString()}";
        var rendered = templates.Render(notice.Kind, notice.Model, notice.To);
        var now = clock.GetUtcNow();
        if (email)
        {
            var id = Guid.CreateVersion7(now);
            var queued = await db.Database.ExecuteSqlAsync($"""
                INSERT INTO notifications.emails (id, kind, dedup_key, recipient, user_id, subject, text_body, html_body, created_at)
                VALUES ({id}, {kind.Slug}, {key}, {notice.To.Email.Trim().ToLowerInvariant()}, {notice.To.UserId}, {Clip(rendered.Subject, 300)},
                        {rendered.Text}, {rendered.Html}, {now})
                ON CONFLICT (dedup_key, recipient) DO NOTHING
                """, cancellationToken);
            if (queued == 1)
                outbox.Add(new EmailQueued(id));
        }
        if (userId is not null)
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO notifications.inbox (id, user_id, kind, dedup_key, title, summary, link, created_at)
                VALUES ({Guid.CreateVersion7(now)}, {userId}, {kind.Slug}, {key}, {Clip(rendered.Subject, 300)}, {Clip(rendered.Summary, 500)},
                        {notice.LinkPath}, {now})
                ON CONFLICT (user_id, dedup_key) DO NOTHING
                """, cancellationToken);
        if (pushTo is not null)
            await QueuePushesAsync(kind, key, pushTo.Value, rendered, notice.LinkPath, now, cancellationToken);
        if (phone is not null)
            await textMessages.QueueAsync(kind.Slug, key, phone, notice.To.UserId, rendered.TextMessage ?? $"{store.Value.Name}: {rendered.Subject}", cancellationToken);
    }

    private async Task QueuePushesAsync(KindInfo kind, string key, Guid userId, RenderedNotice rendered, string? link, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var devices = await db.Set<PushSubscriptionRow>().AsNoTracking().Where(s => s.UserId == userId).Select(s => s.Id).ToListAsync(cancellationToken);
        foreach (var device in devices)
        {
            var id = Guid.CreateVersion7(now);
            var queued = await db.Database.ExecuteSqlAsync($"""
                INSERT INTO notifications.pushes (id, kind, dedup_key, subscription_id, title, body, link, created_at)
                VALUES ({id}, {kind.Slug}, {key}, {device}, {Clip(rendered.Subject, 300)}, {Clip(rendered.Summary, 500)}, {link}, {now})
                ON CONFLICT (dedup_key, subscription_id) DO NOTHING
                """, cancellationToken);
            if (queued == 1)
                outbox.Add(new PushQueued(id));
        }
    }

    /// <summary>Essential kinds always go by email and in the app; push and text messages stay the user's choice for every kind.</summary>
    private async Task<NotificationPreference> ChoiceAsync(KindInfo kind, Guid? userId, CancellationToken cancellationToken)
    {
        var choice = userId is null ? null : await db.Set<NotificationPreference>().AsNoTracking()
            .SingleOrDefaultAsync(p => p.UserId == userId && p.Kind == kind.Slug, cancellationToken);
        choice ??= new NotificationPreference();
        if (kind.Essential)
            (choice.Email, choice.InApp) = (true, true);
        return choice;
    }

    private static string Clip(string value, int length) => value.Length <= length ? value : value[..(length - 1)] + "…";
}

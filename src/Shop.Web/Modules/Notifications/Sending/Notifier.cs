using Microsoft.EntityFrameworkCore;
using Shop.Web.Modules.Notifications.Contracts;
using Shop.Web.Modules.Notifications.Data;
using Shop.Web.Modules.Notifications.Templates;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Outbox;

namespace Shop.Web.Modules.Notifications.Sending;

/// <summary>
/// Renders a notice and stores its email and in-app entry in the caller's transaction. Both inserts
/// are keyed by (fact, recipient), so a duplicated event adds nothing; the email itself leaves later,
/// through its own outbox event.
/// </summary>
internal sealed class Notifier(ShopDbContext db, IOutbox outbox, EmailTemplates templates, CurrentOutboxMessage current, TimeProvider clock) : INotifier
{
    public async Task NotifyAsync(Notice notice, CancellationToken cancellationToken)
    {
        var kind = NotificationKinds.Of(notice.Kind);
        var (email, inApp) = await ChannelsAsync(kind, notice.To.UserId, cancellationToken);
        email &= notice.WithEmail;
        var userId = kind.InApp && inApp ? notice.To.UserId : null;
        if (!email && userId is null)
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
    }

    private async Task<(bool Email, bool InApp)> ChannelsAsync(KindInfo kind, Guid? userId, CancellationToken cancellationToken)
    {
        if (kind.Essential || userId is null)
            return (true, true);
        var choice = await db.Set<NotificationPreference>().AsNoTracking()
            .SingleOrDefaultAsync(p => p.UserId == userId && p.Kind == kind.Slug, cancellationToken);
        return choice is null ? (true, true) : (choice.Email, choice.InApp);
    }

    private static string Clip(string value, int length) => value.Length <= length ? value : value[..(length - 1)] + "…";
}

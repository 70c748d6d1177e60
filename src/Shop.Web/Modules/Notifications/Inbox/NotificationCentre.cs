using Microsoft.EntityFrameworkCore;
using Shop.Web.Modules.Notifications.Contracts;
using Shop.Web.Modules.Notifications.Data;
using Shop.Web.Platform.Api;
using Shop.Web.Platform.Database;

namespace Shop.Web.Modules.Notifications.Inbox;

public sealed record NotificationView(Guid Id, string Kind, string Title, string Summary, string? Link, DateTimeOffset CreatedAt, bool Read);

public sealed record NotificationList(IReadOnlyList<NotificationView> Items, int Total, int Page, int PageSize, int UnreadCount);

public sealed record MarkedRead(int UnreadCount);

/// <summary>A user's notifications, newest first; every operation is scoped to that user.</summary>
public sealed class NotificationCentre(ShopDbContext db, TimeProvider clock) : INotificationInbox
{
    public async Task<NotificationList> ListAsync(Guid userId, PageRequest page, CancellationToken cancellationToken = default)
    {
        var paged = await Mine(userId).OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id)
            .Select(i => new NotificationView(i.Id, i.Kind, i.Title, i.Summary, i.Link, i.CreatedAt, i.ReadAt != null))
            .ToPagedAsync(page, cancellationToken);
        return new NotificationList(paged.Items, paged.Total, paged.Page, paged.PageSize, await UnreadCountAsync(userId, cancellationToken));
    }

    public Task<int> UnreadCountAsync(Guid userId, CancellationToken cancellationToken = default) =>
        Mine(userId).CountAsync(i => i.ReadAt == null, cancellationToken);

    /// <summary>Marks one read and returns where it leads; null when it is not this user's.</summary>
    public async Task<string?> MarkReadAsync(Guid userId, Guid id, CancellationToken cancellationToken = default)
    {
        var item = await db.Set<InboxItem>().SingleOrDefaultAsync(i => i.Id == id && i.UserId == userId, cancellationToken);
        if (item is null)
            return null;
        item.ReadAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return item.Link ?? "/notifications";
    }

    public async Task MarkAllReadAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        await db.Set<InboxItem>().Where(i => i.UserId == userId && i.ReadAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(i => i.ReadAt, now), cancellationToken);
    }

    private IQueryable<InboxItem> Mine(Guid userId) => db.Set<InboxItem>().AsNoTracking().Where(i => i.UserId == userId);
}

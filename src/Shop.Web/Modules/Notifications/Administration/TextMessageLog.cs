using Microsoft.EntityFrameworkCore;
using Shop.Web.Modules.Notifications.TextMessages;
using Shop.Web.Platform.Database;

namespace Shop.Web.Modules.Notifications.Administration;

/// <param name="Status">"pending" until the provider takes it, then what the provider last reported ("delivered", "undelivered"…), or "refused".</param>
public sealed record TextMessageView(Guid Id, string Kind, string Recipient, string Body, string Status, string? ErrorCode, string? Error,
    DateTimeOffset CreatedAt, DateTimeOffset? SentAt, DateTimeOffset? StatusAt);

/// <summary>The latest text messages and what became of them, for admins to check delivery.</summary>
public sealed class TextMessageLog(ShopDbContext db)
{
    public async Task<IReadOnlyList<TextMessageView>> LatestAsync(int count = 100, CancellationToken cancellationToken = default) =>
        await db.Set<OutgoingTextMessage>().AsNoTracking().OrderByDescending(m => m.CreatedAt).Take(count)
            .Select(m => new TextMessageView(m.Id, m.Kind, m.Recipient, m.Body, m.Status, m.ErrorCode, m.Error, m.CreatedAt, m.SentAt, m.StatusAt))
            .ToListAsync(cancellationToken);
}

using Microsoft.EntityFrameworkCore;
using Shop.Web.Modules.Support.Contracts;
using Shop.Web.Modules.Support.Data;
using Shop.Web.Platform.Database;

namespace Shop.Web.Modules.Support.Conversations;

internal sealed class SupportQueue(ShopDbContext db) : ISupportQueue
{
    public async Task<IReadOnlyList<WaitingConversation>> WaitingAsync(int limit, CancellationToken cancellationToken = default) =>
        (await db.Set<Conversation>().AsNoTracking().Where(c => c.Status == ConversationStatus.Open).OrderBy(c => c.LastMessageAt).Take(limit)
            .Select(c => new { c.Id, c.Topic, c.Channel, c.AssigneeId, c.LastMessageAt }).ToListAsync(cancellationToken))
        .Select(c => new WaitingConversation(c.Id, c.Topic.ToString(), c.Channel.ToString(), c.AssigneeId is not null, c.LastMessageAt)).ToList();
}

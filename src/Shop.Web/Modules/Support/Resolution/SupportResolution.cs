using Microsoft.EntityFrameworkCore;
using Shop.Web.Modules.Support.Contracts;
using Shop.Web.Modules.Support.Data;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Outbox;

namespace Shop.Web.Modules.Support.Resolution;

/// <summary>
/// The one way support resolves a conversation: the entity's transition, its "Resolved" system message and
/// the <see cref="ConversationResolved"/> event, committed together. Every caller (console, API, jobs) uses it.
/// </summary>
public sealed class SupportResolution(ShopDbContext db, IOutbox outbox, TimeProvider clock)
{
    /// <summary>Resolves the conversation; false when there is none with that id.</summary>
    public async Task<bool> ResolveAsync(Guid conversationId, Guid agentId, CancellationToken cancellationToken = default)
    {
        var conversation = await db.Set<Conversation>().SingleOrDefaultAsync(c => c.Id == conversationId, cancellationToken);
        if (conversation is null)
            return false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var message = conversation.Resolve(agentId, clock.GetUtcNow());
        db.Add(message);
        await db.SaveChangesAsync(cancellationToken);
        outbox.Add(new ConversationResolved(conversation.Id, message.Id));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}

using Microsoft.EntityFrameworkCore;
using Shop.Web.Modules.Support.Contracts;
using Shop.Web.Modules.Support.Data;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Outbox;

namespace Shop.Web.Modules.Support.Chat;

/// <summary>
/// Gives waiting (open, unassigned) conversations to the least busy online agent below their limit, oldest
/// first. Every instance may run it at any moment: one transaction-scoped advisory lock serialises the
/// decisions across instances, so loads are counted after the previous decision committed and nobody
/// ends up over their limit. Called when a conversation arrives, when an agent comes online and when
/// an agent frees capacity (resolving a conversation, raising their limit).
/// </summary>
public sealed class ChatAssignment(ShopDbContext db, IOutbox outbox, SupportPush push, TimeProvider clock)
{
    // Any constant that no other advisory lock of the shop uses ("support" + "assign").
    private const long LockKey = 0x5355_5050_4153_5347;

    /// <returns>The conversations assigned, each with its "Assigned to" message.</returns>
    public async Task<IReadOnlyList<(Guid ConversationId, long MessageId)>> AssignWaitingAsync(CancellationToken cancellationToken = default)
    {
        var assigned = new List<(Conversation Conversation, SupportMessage Message)>();
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockKey})", cancellationToken);
            var waiting = await db.Set<Conversation>()
                // Threads between a customer and a seller are the seller's to answer; support only steps in.
                .Where(c => c.AssigneeId == null && c.Status == ConversationStatus.Open && c.Channel != Channel.OrderThread)
                .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).Take(200).ToListAsync(cancellationToken);
            if (waiting.Count > 0)
            {
                var alive = clock.GetUtcNow() - AgentPresence.Expiry;
                var agents = await db.Set<SupportAgent>().AsNoTracking()
                    .Where(a => a.Status == AgentStatus.Online && db.Set<AgentConnection>().Any(c => c.AgentId == a.UserId && c.LastSeenAt > alive))
                    .Select(a => new AgentLoad(a.UserId, a.Name, a.MaxOpenChats,
                        db.Set<Conversation>().Count(c => c.AssigneeId == a.UserId && (c.Status == ConversationStatus.Open || c.Status == ConversationStatus.Pending))))
                    .ToListAsync(cancellationToken);
                var now = clock.GetUtcNow();
                foreach (var conversation in waiting)
                {
                    var agent = agents.Where(a => a.Open < a.Limit).OrderBy(a => a.Open).ThenBy(a => a.Name).ThenBy(a => a.UserId).FirstOrDefault();
                    if (agent is null)
                        break;
                    agent.Open++;
                    var message = conversation.AssignTo(agent.UserId, agent.Name, now);
                    db.Add(message);
                    assigned.Add((conversation, message));
                }
                if (assigned.Count > 0)
                {
                    await db.SaveChangesAsync(cancellationToken);
                    foreach (var (conversation, message) in assigned)
                        outbox.Add(new SupportMessagePosted(conversation.Id, message.Id));
                    await db.SaveChangesAsync(cancellationToken);
                }
            }
            await transaction.CommitAsync(cancellationToken);
        }
        foreach (var (conversation, message) in assigned)
        {
            await push.MessageStoredAsync(conversation.Id, message.Id, cancellationToken);
            push.QueueChanged(conversation.Id);
        }
        return assigned.Select(a => (a.Conversation.Id, a.Message.Id)).ToList();
    }

    private sealed class AgentLoad(Guid userId, string name, int limit, int open)
    {
        public Guid UserId { get; } = userId;
        public string Name { get; } = name;
        public int Limit { get; } = limit;
        public int Open { get; set; } = open;
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Modules.Support.Data;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Hosting;
using Shop.Web.Platform.Jobs;

namespace Shop.Web.Modules.Support.Chat;

/// <summary>An agent who takes chats now, with their load (open and pending conversations assigned to them) and limit.</summary>
public sealed record OnlineAgent(Guid UserId, string Name, int OpenConversations, int MaxOpenChats);

/// <summary>This process among the shop's instances: its agents' connections carry this name, refreshed while it runs.</summary>
public sealed class ChatInstance(IOptions<InstanceOptions> options)
{
    // Two hosts in one process (tests) are still two instances.
    public string Name { get; } = $"{options.Value.ResolvedName}-{Guid.NewGuid():N}"[..Math.Min(200, options.Value.ResolvedName.Length + 33)];
}

/// <summary>
/// Who of support is there to chat: agents choose online or away, and count as online only while one of
/// their hub connections is alive. Each instance refreshes its own connections; connections of an
/// instance that stopped without saying so expire after <see cref="Expiry"/> and are swept.
/// </summary>
public sealed class AgentPresence(ShopDbContext db, ICustomerDirectory directory, ChatInstance instance, ChatAssignment assignment,
    TimeProvider clock)
{
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan Expiry = TimeSpan.FromSeconds(90);

    public async Task ConnectedAsync(Guid agentId, string connectionId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var agent = await AgentAsync(agentId, cancellationToken);
        db.Add(new AgentConnection { ConnectionId = connectionId, AgentId = agentId, Instance = instance.Name, ConnectedAt = now, LastSeenAt = now });
        await db.SaveChangesAsync(cancellationToken);
        if (agent.Status == AgentStatus.Online)
            await assignment.AssignWaitingAsync(cancellationToken);
    }

    public Task DisconnectedAsync(string connectionId, CancellationToken cancellationToken = default) =>
        db.Set<AgentConnection>().Where(c => c.ConnectionId == connectionId).ExecuteDeleteAsync(cancellationToken);

    /// <summary>The agent's choice; coming online takes waiting conversations up to their limit.</summary>
    public async Task SetStatusAsync(Guid agentId, AgentStatus status, CancellationToken cancellationToken = default)
    {
        var agent = await AgentAsync(agentId, cancellationToken);
        agent.Choose(status, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        if (status == AgentStatus.Online)
            await assignment.AssignWaitingAsync(cancellationToken);
    }

    /// <summary>How many open chats the agent takes at once (0 to 100).</summary>
    public async Task SetLimitAsync(Guid agentId, int maxOpenChats, CancellationToken cancellationToken = default)
    {
        var agent = await AgentAsync(agentId, cancellationToken);
        agent.Limit(maxOpenChats, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        await assignment.AssignWaitingAsync(cancellationToken);
    }

    public async Task<AgentStatus> StatusAsync(Guid agentId, CancellationToken cancellationToken = default) =>
        await db.Set<SupportAgent>().AsNoTracking().Where(a => a.UserId == agentId).Select(a => (AgentStatus?)a.Status).SingleOrDefaultAsync(cancellationToken)
            ?? AgentStatus.Online;

    public async Task<IReadOnlyList<OnlineAgent>> OnlineAgentsAsync(CancellationToken cancellationToken = default)
    {
        var alive = clock.GetUtcNow() - Expiry;
        return await db.Set<SupportAgent>().AsNoTracking()
            .Where(a => a.Status == AgentStatus.Online && db.Set<AgentConnection>().Any(c => c.AgentId == a.UserId && c.LastSeenAt > alive))
            .OrderBy(a => a.Name)
            .Select(a => new OnlineAgent(a.UserId, a.Name,
                db.Set<Conversation>().Count(c => c.AssigneeId == a.UserId && (c.Status == ConversationStatus.Open || c.Status == ConversationStatus.Pending)),
                a.MaxOpenChats))
            .ToListAsync(cancellationToken);
    }

    public Task<bool> IsAnyoneOnlineAsync(CancellationToken cancellationToken = default)
    {
        var alive = clock.GetUtcNow() - Expiry;
        return db.Set<SupportAgent>().AnyAsync(a => a.Status == AgentStatus.Online
            && db.Set<AgentConnection>().Any(c => c.AgentId == a.UserId && c.LastSeenAt > alive), cancellationToken);
    }

    /// <summary>Refreshes this instance's connections and removes any that nobody refreshed in time (an instance that died).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        await db.Set<AgentConnection>().Where(c => c.Instance == instance.Name).ExecuteUpdateAsync(s => s.SetProperty(c => c.LastSeenAt, now), cancellationToken);
        var cutoff = now - Expiry;
        await db.Set<AgentConnection>().Where(c => c.LastSeenAt < cutoff).ExecuteDeleteAsync(cancellationToken);
    }

    private async Task<SupportAgent> AgentAsync(Guid agentId, CancellationToken cancellationToken)
    {
        var name = (await directory.FindAsync(agentId))?.Name ?? "Support";
        // Two first connections at once: the second insert does nothing.
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO support.agents (user_id, name, status, max_open_chats, updated_at)
            VALUES ({agentId}, {name}, 'online', {SupportAgent.DefaultMaxOpenChats}, {clock.GetUtcNow()})
            ON CONFLICT (user_id) DO NOTHING
            """, cancellationToken);
        var agent = await db.Set<SupportAgent>().SingleAsync(a => a.UserId == agentId, cancellationToken);
        if (agent.Name != name)
            agent.Rename(name);
        return agent;
    }
}

/// <summary>Keeps this instance's agent connections alive and sweeps those of instances that stopped.</summary>
internal sealed partial class AgentPresenceSweep(IServiceScopeFactory scopes, TimeProvider clock, ILogger<AgentPresenceSweep> logger) : PeriodicJob(clock)
{
    protected override TimeSpan Period => AgentPresence.Heartbeat;

    protected override async Task RunRoundAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AgentPresence>().RefreshAsync(cancellationToken);
    }

    protected override void OnRoundFailed(Exception exception) => LogFailed(exception);

    [LoggerMessage(LogLevel.Warning, "Refreshing support agents' connections failed; the next round tries again")]
    private partial void LogFailed(Exception exception);
}

using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace Shop.Web.Modules.Support.Chat;

/// <summary>
/// Tells live connections about what is already stored. The one place that pushes a stored message: the
/// customer-visible ones to the customer's group and the agents', notes only to the agents'. Whoever
/// stores a message (hub, API, pages, other modules) calls <see cref="MessageStoredAsync(Guid, long, CancellationToken)"/> after committing;
/// the chat's writer, which holds what it just stored, pushes it as it is. Queue changes go out at most every
/// <see cref="QueueInterval"/>, all conversations changed meanwhile in one event. A push that fails is only
/// logged: clients catch up by message id when they (re)join.
/// </summary>
public sealed partial class SupportPush(IHubContext<SupportHub> hub, IServiceScopeFactory scopes, ILogger<SupportPush> logger)
{
    public static string CustomerGroup(Guid conversationId) => $"conversation:{conversationId}";

    public static string AgentGroup(Guid conversationId) => $"agents:{conversationId}";

    public const string AgentsGroup = "agents";

    /// <summary>How often agents' queues hear of changed conversations at most.</summary>
    public static readonly TimeSpan QueueInterval = TimeSpan.FromMilliseconds(250);

    private readonly ConcurrentDictionary<Guid, byte> changedConversations = new();
    private int queueFlushScheduled;

    /// <summary>Reads the stored message and pushes it; null when it is not there (any more).</summary>
    public async Task MessageStoredAsync(Guid conversationId, long messageId, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var messages = scope.ServiceProvider.GetRequiredService<ChatMessages>();
            var message = await messages.OneAsync(conversationId, messageId, forAgents: true, cancellationToken);
            if (message is null)
                return;
            if (message.IsNote || message.Attachments.Count == 0)
            {
                await MessageStoredAsync(message, cancellationToken);
                return;
            }
            // A guest's download links carry its signed token; agents' do not.
            await hub.Clients.Group(CustomerGroup(conversationId)).SendAsync("message",
                await messages.OneAsync(conversationId, messageId, forAgents: false, cancellationToken) ?? message, cancellationToken);
            await hub.Clients.Group(AgentGroup(conversationId)).SendAsync("message", message, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogPushFailed(exception, conversationId, messageId);
        }
    }

    /// <summary>Pushes a message that has committed, as it was stored.</summary>
    public async Task MessageStoredAsync(ChatMessage message, CancellationToken cancellationToken = default)
    {
        try
        {
            if (message.IsNote)
                await hub.Clients.Group(AgentGroup(message.ConversationId)).SendAsync("note", message, cancellationToken);
            else
                await hub.Clients.Groups(CustomerGroup(message.ConversationId), AgentGroup(message.ConversationId)).SendAsync("message", message, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogPushFailed(exception, message.ConversationId, message.Id);
        }
    }

    /// <summary>
    /// A conversation was created or changed (status, assignee, page, a message): agents' queues refresh. The
    /// change is collected and pushed with every other change of the next <see cref="QueueInterval"/>.
    /// </summary>
    public void QueueChanged(Guid conversationId)
    {
        changedConversations.TryAdd(conversationId, 0);
        if (Interlocked.CompareExchange(ref queueFlushScheduled, 1, 0) == 0)
            _ = PushQueueChangesAsync();
    }

    private async Task PushQueueChangesAsync()
    {
        await Task.Delay(QueueInterval);
        // Cleared before collecting, so a change arriving meanwhile schedules the next push rather than waiting for none.
        Volatile.Write(ref queueFlushScheduled, 0);
        var changed = new List<Guid>();
        foreach (var id in changedConversations.Keys)
            if (changedConversations.TryRemove(id, out _))
                changed.Add(id);
        if (changed.Count > 0)
            await SafelyAsync(() => hub.Clients.Group(AgentsGroup).SendAsync("queue", new ChatQueueChange(changed)));
    }

    /// <summary>One side is typing: the other side hears it (and other agents watching, when an agent types).</summary>
    public Task TypingAsync(Guid conversationId, ChatSide side, string? exceptConnectionId, CancellationToken cancellationToken = default) =>
        SafelyAsync(() => side == ChatSide.Customer
            ? hub.Clients.Group(AgentGroup(conversationId)).SendAsync("typing", new ChatTyping(conversationId, "customer"), cancellationToken)
            : hub.Clients.GroupExcept(CustomerGroup(conversationId), Except(exceptConnectionId)).SendAsync("typing", new ChatTyping(conversationId, "agent"), cancellationToken));

    /// <summary>One side read up to a message: read receipts for the other side (agents hear both sides).</summary>
    public Task ReadAsync(Guid conversationId, ChatSide side, long messageId, CancellationToken cancellationToken = default) =>
        SafelyAsync(() => side == ChatSide.Customer
            ? hub.Clients.Group(AgentGroup(conversationId)).SendAsync("read", new ChatRead(conversationId, "customer", messageId), cancellationToken)
            : hub.Clients.Groups(CustomerGroup(conversationId), AgentGroup(conversationId)).SendAsync("read", new ChatRead(conversationId, "agent", messageId), cancellationToken));

    private static IReadOnlyList<string> Except(string? connectionId) => connectionId is null ? [] : [connectionId];

    private async Task SafelyAsync(Func<Task> push)
    {
        try
        {
            await push();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogPushFailed(exception, Guid.Empty, 0);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Pushing to live support connections failed (conversation {ConversationId}, message {MessageId}); clients catch up on rejoin")]
    private partial void LogPushFailed(Exception exception, Guid conversationId, long messageId);
}

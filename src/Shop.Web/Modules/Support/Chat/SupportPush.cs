using Microsoft.AspNetCore.SignalR;

namespace Shop.Web.Modules.Support.Chat;

/// <summary>
/// Tells live connections about what is already stored. The one place that pushes a stored message: the
/// customer-visible ones to the customer's group and the agents', notes only to the agents'. Whoever
/// stores a message (hub, API, pages, other modules) calls <see cref="MessageStoredAsync"/> after committing.
/// A push that fails is only logged: clients catch up by message id when they (re)join.
/// </summary>
public sealed partial class SupportPush(IHubContext<SupportHub> hub, IServiceScopeFactory scopes, ILogger<SupportPush> logger)
{
    public static string CustomerGroup(Guid conversationId) => $"conversation:{conversationId}";

    public static string AgentGroup(Guid conversationId) => $"agents:{conversationId}";

    public const string AgentsGroup = "agents";

    public async Task MessageStoredAsync(Guid conversationId, long messageId, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var messages = scope.ServiceProvider.GetRequiredService<ChatMessages>();
            var message = await messages.OneAsync(conversationId, messageId, forAgents: true, cancellationToken);
            if (message is null)
                return;
            if (message.IsNote)
                await hub.Clients.Group(AgentGroup(conversationId)).SendAsync("note", message, cancellationToken);
            else if (message.Attachments.Count == 0)
                await hub.Clients.Groups(CustomerGroup(conversationId), AgentGroup(conversationId)).SendAsync("message", message, cancellationToken);
            else
            {
                // A guest's download links carry its signed token; agents' do not.
                await hub.Clients.Group(CustomerGroup(conversationId)).SendAsync("message",
                    await messages.OneAsync(conversationId, messageId, forAgents: false, cancellationToken) ?? message, cancellationToken);
                await hub.Clients.Group(AgentGroup(conversationId)).SendAsync("message", message, cancellationToken);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogPushFailed(exception, conversationId, messageId);
        }
    }

    /// <summary>A conversation was created or changed (status, assignee, page): agents' queues refresh.</summary>
    public Task QueueChangedAsync(Guid conversationId, CancellationToken cancellationToken = default) =>
        SafelyAsync(() => hub.Clients.Group(AgentsGroup).SendAsync("queue", new ChatQueueChange(conversationId), cancellationToken));

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

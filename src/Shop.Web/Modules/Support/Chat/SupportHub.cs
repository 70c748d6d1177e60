using Microsoft.AspNetCore.SignalR;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Platform.Errors;

namespace Shop.Web.Modules.Support.Chat;

/// <summary>
/// Live support at /hubs/support: customers (their own conversations), guests (the signed access token)
/// and agents (support, admin: any conversation). Thin on purpose: every call is a <see cref="LiveChat"/>
/// use case, also offered over HTTP. Refusals are <see cref="HubException"/>s with a readable message.
/// </summary>
public sealed class SupportHub(LiveChat chat, AgentPresence presence) : Hub
{
    private const string NotFound = "This conversation does not exist, or it is not yours.";
    private const int MaxKnownConversations = 64;

    public override async Task OnConnectedAsync()
    {
        // Cookies ride along on cross-site WebSocket requests: only the shop's own pages may connect.
        if (Context.GetHttpContext() is { } http && http.Request.Headers.Origin.ToString() is { Length: > 0 } origin
            && (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || !string.Equals(uri.Authority, http.Request.Host.Value, StringComparison.OrdinalIgnoreCase)))
        {
            Context.Abort();
            return;
        }
        if (Agent is { } agentId)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, SupportPush.AgentsGroup);
            await presence.ConnectedAsync(agentId, Context.ConnectionId);
        }
        await base.OnConnectedAsync();
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        if (Agent is not null)
            await presence.DisconnectedAsync(Context.ConnectionId);
        await base.OnDisconnectedAsync(exception);
    }

    /// <summary>Everything after <paramref name="afterMessageId"/>; from then on the conversation's events.</summary>
    public async Task<IReadOnlyList<ChatMessage>> Join(Guid conversationId, string? access, long afterMessageId)
    {
        var participant = await ParticipantAsync(conversationId, access);
        // Join the group first, then read: a message stored in between arrives twice at worst (clients dedupe by id), never not at all.
        await Groups.AddToGroupAsync(Context.ConnectionId, participant.Side == ChatSide.Agent
            ? SupportPush.AgentGroup(conversationId) : SupportPush.CustomerGroup(conversationId));
        return await chat.CatchUpAsync(participant, afterMessageId);
    }

    /// <summary>How far each side has read (read receipts after a reload).</summary>
    public async Task<ChatReadState> ReadState(Guid conversationId, string? access) =>
        await chat.ReadStateAsync(await ParticipantAsync(conversationId, access));

    public async Task Leave(Guid conversationId)
    {
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, SupportPush.AgentGroup(conversationId));
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, SupportPush.CustomerGroup(conversationId));
    }

    public async Task<ChatMessage> Send(Guid conversationId, string? access, string body) =>
        await RefusingBadInput(async () => await chat.SendAsync(await ParticipantAsync(conversationId, access), body));

    public async Task Typing(Guid conversationId, string? access) =>
        await chat.TypingAsync(await ParticipantAsync(conversationId, access), Context.ConnectionId);

    public async Task Read(Guid conversationId, string? access, long messageId) =>
        await chat.ReadAsync(await ParticipantAsync(conversationId, access), messageId);

    /// <summary>The storefront page the customer is on, for agents to see.</summary>
    public async Task Viewing(Guid conversationId, string? access, string? page) =>
        await chat.ShowPageAsync(await ParticipantAsync(conversationId, access), page);

    /// <summary>An agent's choice: "online" (takes chats) or "away".</summary>
    public async Task SetStatus(string status)
    {
        if (Agent is not { } agentId)
            throw new HubException("Only support agents have a status.");
        if (!Enum.TryParse<AgentStatus>(status, ignoreCase: true, out var chosen) || !Enum.IsDefined(chosen))
            throw new HubException("Choose online or away.");
        await presence.SetStatusAsync(agentId, chosen);
    }

    private Guid? Agent => Context.User is { Identity.IsAuthenticated: true } user && LiveChat.IsAgent(user) ? user.UserId() : null;

    /// <summary>
    /// Checked once per connection, conversation and access token: a connection's user does not change, nor does a
    /// conversation's customer, so every later call (a chat's many sends) skips the database. Refusals are not kept.
    /// </summary>
    private async Task<ChatParticipant> ParticipantAsync(Guid conversationId, string? access)
    {
        if ((access?.Length ?? 0) > 2000)
            throw new HubException(NotFound);
        var key = (conversationId, access);
        if (Context.Items.TryGetValue(key, out var known) && known is ChatParticipant participant)
            return participant;
        participant = await chat.ParticipantAsync(conversationId, Context.User ?? new(), access) ?? throw new HubException(NotFound);
        if (Context.Items.Count < MaxKnownConversations)
            Context.Items[key] = participant;
        return participant;
    }

    private static async Task<T> RefusingBadInput<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (InputValidationException refused)
        {
            throw new HubException(string.Join(" ", refused.Errors.SelectMany(e => e.Value)));
        }
        catch (DomainException refused)
        {
            throw new HubException(refused.Message);
        }
    }
}

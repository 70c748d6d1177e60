using Shop.Web.Platform.Outbox;

namespace Shop.Web.Modules.Support.Contracts;

/// <summary>A customer started a conversation (they get a confirmation with the way back to it).</summary>
[IntegrationEventName("support.conversation-started")]
public sealed record ConversationStarted(Guid ConversationId) : IIntegrationEvent;

/// <summary>
/// A message was stored in a conversation (the seller of an order thread hears of it; webhook endpoints get
/// "message created"). Live chat raises it only for messages someone handles: in a seller's thread, or when a
/// webhook endpoint subscribes to support messages (ChatWriter); a new handler of chat messages extends that rule.
/// </summary>
[IntegrationEventName("support.support-message-posted")]
public sealed record SupportMessagePosted(Guid ConversationId, long MessageId) : IIntegrationEvent;

/// <summary>Support resolved a conversation (the console's resolve raises it with the "Resolved" system message, in one transaction).</summary>
[IntegrationEventName("support.conversation-resolved")]
public sealed record ConversationResolved(Guid ConversationId, long MessageId) : IIntegrationEvent;

/// <summary>A conversation waiting for support's answer.</summary>
public sealed record WaitingConversation(Guid ConversationId, string Topic, string Channel, bool Assigned, DateTimeOffset WaitingSince);

public interface ISupportQueue
{
    /// <summary>Open conversations (support's turn), longest waiting first.</summary>
    Task<IReadOnlyList<WaitingConversation>> WaitingAsync(int limit, CancellationToken cancellationToken = default);
}

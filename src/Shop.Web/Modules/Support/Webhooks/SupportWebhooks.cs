using Microsoft.EntityFrameworkCore;
using Shop.Web.Modules.Support.Contracts;
using Shop.Web.Modules.Support.Data;
using Shop.Web.Modules.Webhooks.Contracts;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Outbox;

namespace Shop.Web.Modules.Support.Webhooks;

/// <summary>A conversation as webhook endpoints receive it (who the customer is stays out: ids only).</summary>
public sealed record SupportConversationPayload(Guid ConversationId, Channel Channel, Topic Topic, ConversationStatus Status, Priority Priority,
    Guid? CustomerId, bool Guest, Guid? OrderId, Guid? ProductId, Guid? SellerId, Guid? AssigneeId, DateTimeOffset CreatedAt);

/// <summary>A message as webhook endpoints receive it; internal notes are never published.</summary>
public sealed record SupportMessagePayload(Guid ConversationId, long MessageId, AuthorKind Author, string Body, DateTimeOffset CreatedAt,
    SupportConversationPayload Conversation);

/// <summary>
/// Publishes support's events to webhook endpoints: admin endpoints hear of every conversation; a seller's
/// endpoint only of conversations linked to that seller (order threads). Notes publish nothing.
/// </summary>
internal sealed class SupportWebhooks(ShopDbContext db, IWebhookPublisher webhooks) :
    IIntegrationEventHandler<ConversationStarted>, IIntegrationEventHandler<SupportMessagePosted>, IIntegrationEventHandler<ConversationResolved>
{
    public async Task HandleAsync(ConversationStarted started, CancellationToken cancellationToken)
    {
        if (await ConversationAsync(started.ConversationId, cancellationToken) is { } conversation)
            await PublishAsync(WebhookEventTypes.SupportConversationCreated, $"support:{conversation.Id}:created", Payload(conversation),
                conversation.SellerId, cancellationToken);
    }

    public async Task HandleAsync(SupportMessagePosted posted, CancellationToken cancellationToken)
    {
        var message = await db.Set<SupportMessage>().AsNoTracking().SingleOrDefaultAsync(m => m.Id == posted.MessageId, cancellationToken);
        if (message is null || !message.ShownToCustomer || await ConversationAsync(posted.ConversationId, cancellationToken) is not { } conversation)
            return;
        await PublishAsync(WebhookEventTypes.SupportMessageCreated, $"support:message:{message.Id}",
            new SupportMessagePayload(conversation.Id, message.Id, message.AuthorKind, message.Body, message.CreatedAt, Payload(conversation)),
            conversation.SellerId, cancellationToken);
    }

    public async Task HandleAsync(ConversationResolved resolved, CancellationToken cancellationToken)
    {
        if (await ConversationAsync(resolved.ConversationId, cancellationToken) is { } conversation)
            await PublishAsync(WebhookEventTypes.SupportConversationResolved, $"support:{conversation.Id}:resolved:{resolved.MessageId}",
                Payload(conversation) with { Status = ConversationStatus.Resolved }, conversation.SellerId, cancellationToken);
    }

    private Task<Conversation?> ConversationAsync(Guid id, CancellationToken cancellationToken) =>
        db.Set<Conversation>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);

    private Task PublishAsync(string type, string key, object payload, Guid? sellerId, CancellationToken cancellationToken) =>
        webhooks.PublishAsync(new WebhookEvent(type, key, payload,
            sellerId is { } seller ? new Dictionary<Guid, object> { [seller] = payload } : new Dictionary<Guid, object>()), cancellationToken);

    private static SupportConversationPayload Payload(Conversation c) =>
        new(c.Id, c.Channel, c.Topic, c.Status, c.Priority, c.CustomerId, c.CustomerId is null, c.OrderId, c.ProductId, c.SellerId, c.AssigneeId, c.CreatedAt);
}

public static class SupportWebhooksSetup
{
    public static WebApplicationBuilder AddSupportWebhooks(this WebApplicationBuilder builder)
    {
        builder.Services.AddIntegrationEventHandler<ConversationStarted, SupportWebhooks>();
        builder.Services.AddIntegrationEventHandler<SupportMessagePosted, SupportWebhooks>();
        builder.Services.AddIntegrationEventHandler<ConversationResolved, SupportWebhooks>();
        return builder;
    }
}

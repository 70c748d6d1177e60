using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Outbox;
using Shop.Web.Platform.Storefront;

namespace Shop.Web.Modules.Notifications.TextMessages;

/// <summary>
/// Hands one queued text message to the provider. A message the provider refuses for good is marked so and
/// not retried; any other failure fails the outbox message, which retries with backoff and dead-letters it
/// after the last try. Marked sent in the transaction that records the event as handled, so a redelivery
/// texts nobody twice.
/// </summary>
internal sealed partial class TextMessageDelivery(ShopDbContext db, ITextMessageProvider provider, IOptions<StorefrontSettings> store, TimeProvider clock,
    ILogger<TextMessageDelivery> logger) : IIntegrationEventHandler<TextMessageQueued>
{
    public const string StatusCallbackPath = "/api/v1/notifications/text-messages/status";

    public async Task HandleAsync(TextMessageQueued queued, CancellationToken cancellationToken)
    {
        var message = await db.Set<OutgoingTextMessage>().SingleOrDefaultAsync(m => m.Id == queued.TextMessageId, cancellationToken);
        if (message is null || message.Status != OutgoingTextMessage.Pending)
            return;
        try
        {
            var receipt = await provider.SendAsync(message.Recipient, message.Body, StatusCallbackUrl(store.Value), cancellationToken);
            message.MarkSent(receipt.ProviderId, receipt.Status, clock.GetUtcNow(), message.Kind == TextMessageQueue.PhoneCodeKind);
        }
        catch (TextMessageRefusedException refused)
        {
            LogRefused(message.Id, refused.Message);
            message.MarkRefused(refused.Code, refused.Message, clock.GetUtcNow());
        }
    }

    /// <summary>The address the provider posts delivery receipts to, and that their signatures are made over.</summary>
    public static string StatusCallbackUrl(StorefrontSettings store) => store.PublicUrl.TrimEnd('/') + StatusCallbackPath;

    [LoggerMessage(LogLevel.Warning, "Text message {TextMessageId} was refused by the provider: {Reason}")]
    private partial void LogRefused(Guid textMessageId, string reason);
}

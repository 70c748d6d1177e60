namespace Shop.Web.Platform.Outbox;

/// <summary>
/// A fact one module publishes for others, written to the outbox in the same transaction as the
/// change it describes and delivered after commit. Its stored identity is the name it declares with
/// <see cref="IntegrationEventNameAttribute"/>, so the class may be renamed freely.
/// </summary>
public interface IIntegrationEvent;

/// <summary>
/// Reacts to an event. It runs in a transaction of its own on the scoped ShopDbContext; its
/// database effects commit together with the record that it handled the event, so a redelivery
/// never repeats them.
/// </summary>
public interface IIntegrationEventHandler<in TEvent> where TEvent : IIntegrationEvent
{
    Task HandleAsync(TEvent integrationEvent, CancellationToken cancellationToken);
}

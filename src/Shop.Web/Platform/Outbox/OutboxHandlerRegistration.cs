namespace Shop.Web.Platform.Outbox;

/// <summary>One handler for one event type, as registered by a module.</summary>
public sealed class OutboxHandlerRegistration
{
    private OutboxHandlerRegistration(Type eventType, string handlerName, Func<IServiceProvider, object, CancellationToken, Task> invoke)
    {
        EventType = eventType;
        HandlerName = handlerName;
        Invoke = invoke;
    }

    public Type EventType { get; }
    public string EventTypeName => IntegrationEventNameAttribute.Of(EventType);
    public string HandlerName { get; }
    public Func<IServiceProvider, object, CancellationToken, Task> Invoke { get; }

    public static OutboxHandlerRegistration For<TEvent, THandler>()
        where TEvent : IIntegrationEvent
        where THandler : IIntegrationEventHandler<TEvent> =>
        new(typeof(TEvent), typeof(THandler).FullName!,
            (services, integrationEvent, ct) => services.GetRequiredService<THandler>().HandleAsync((TEvent)integrationEvent, ct));
}

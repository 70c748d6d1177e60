namespace Shop.Web.Platform.Outbox;

/// <summary>The outbox message a handler is handling (in a handler's scope), for effects keyed by the event itself.</summary>
public sealed class CurrentOutboxMessage
{
    public Guid? Id { get; internal set; }
}

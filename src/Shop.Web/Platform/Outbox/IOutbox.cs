using Shop.Web.Platform.Database;

namespace Shop.Web.Platform.Outbox;

/// <summary>Adds events to the current unit of work; they are saved with it by SaveChanges.</summary>
public interface IOutbox
{
    void Add(IIntegrationEvent integrationEvent);
}

internal sealed class Outbox(ShopDbContext db, TimeProvider clock) : IOutbox
{
    public void Add(IIntegrationEvent integrationEvent) =>
        db.Set<OutboxMessage>().Add(OutboxMessage.From(integrationEvent, clock.GetUtcNow()));
}

using Microsoft.EntityFrameworkCore;
using Shop.Web.Modules.Ordering.Contracts;
using Shop.Web.Modules.Payments.Data;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Outbox;

namespace Shop.Web.Modules.Payments.Attempts;

/// <summary>When an order is cancelled (by someone, or because it was not paid in time), its open attempts are cancelled too.</summary>
internal sealed class CancelledOrders(ShopDbContext db, TimeProvider clock) : IIntegrationEventHandler<OrderStatusChanged>
{
    public async Task HandleAsync(OrderStatusChanged changed, CancellationToken cancellationToken)
    {
        if (changed.Status != OrderStatus.Cancelled)
            return;
        foreach (var payment in await db.Set<Payment>().Where(p => p.OrderId == changed.OrderId && p.Status == PaymentStatus.Pending).ToListAsync(cancellationToken))
            payment.Cancel(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
    }
}

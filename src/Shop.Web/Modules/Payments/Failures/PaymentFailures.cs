using Microsoft.EntityFrameworkCore;
using Shop.Web.Modules.Payments.Contracts;
using Shop.Web.Modules.Payments.Data;
using Shop.Web.Platform.Database;

namespace Shop.Web.Modules.Payments.Failures;

internal sealed class PaymentFailures(ShopDbContext db) : IPaymentFailures
{
    public async Task<IReadOnlyList<FailedPayment>> RecentAsync(int limit, CancellationToken cancellationToken = default) =>
        await db.Set<Payment>().AsNoTracking().Where(p => p.Status == PaymentStatus.Failed).OrderByDescending(p => p.CreatedAt).Take(limit)
            .Select(p => new FailedPayment(p.Id, p.OrderId, p.Provider, p.Amount, p.Currency, p.FailureReason, p.UpdatedAt)).ToListAsync(cancellationToken);
}

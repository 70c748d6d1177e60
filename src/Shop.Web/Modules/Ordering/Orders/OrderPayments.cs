using Microsoft.EntityFrameworkCore;
using Shop.Web.Modules.Ordering.Contracts;
using Shop.Web.Modules.Payments.Contracts;
using Shop.Web.Platform.Outbox;
using Shop.Web.Platform.Storefront;

namespace Shop.Web.Modules.Ordering.Orders;

/// <summary>What the payments module may know of an order, and what its results do to the order.</summary>
internal sealed class OrderPayments(OrderStore store, Money money) : IPayableOrders,
    IIntegrationEventHandler<PaymentSucceeded>, IIntegrationEventHandler<PaymentFailed>, IIntegrationEventHandler<RefundIssued>
{
    public async Task<PayableOrder?> FindAsync(Guid orderId) =>
        await store.Orders.Where(o => o.Id == orderId)
            .Select(o => new PayableOrder(o.Id, o.Number, o.Total, o.Currency, o.PaidAt != null, o.Status, o.Email)).SingleOrDefaultAsync();

    public Task HandleAsync(PaymentSucceeded paid, CancellationToken cancellationToken) =>
        store.ChangeAsync(paid.OrderId, _ => true, (order, now) =>
        {
            order.ReceivePayment(paid.Provider, paid.Amount, paid.ChargedAs, money.Show, now);
            return Task.CompletedTask;
        });

    public Task HandleAsync(PaymentFailed failed, CancellationToken cancellationToken) =>
        store.ChangeAsync(failed.OrderId, _ => true, (order, now) =>
        {
            order.RecordPaymentFailure(failed.Reason, now);
            return Task.CompletedTask;
        });

    public Task HandleAsync(RefundIssued refund, CancellationToken cancellationToken) =>
        store.ChangeAsync(refund.OrderId, _ => true, (order, now) =>
        {
            order.ReceiveRefund(refund.Amount, refund.FullyRefunded, refund.Reason, money.Show, now);
            return Task.CompletedTask;
        });
}

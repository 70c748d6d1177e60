using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Shop.Web.Modules.Currencies.Contracts;
using Shop.Web.Modules.Ordering.Contracts;
using Shop.Web.Modules.Payments.Contracts;
using Shop.Web.Modules.Payments.Data;
using Shop.Web.Modules.Payments.Providers;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Errors;
using Shop.Web.Platform.Outbox;
using Shop.Web.Platform.Storefront;

namespace Shop.Web.Modules.Payments.Attempts;

public sealed class PaymentOptions
{
    public const string Section = "Payments";

    /// <summary>The methods offered at checkout, in this order.</summary>
    public List<string> Methods { get; set; } = [];

    /// <summary>A payment still pending after this long is looked up at its provider.</summary>
    public TimeSpan ReconcileAfter { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>Starts payment attempts and applies what providers report back.</summary>
public sealed partial class PaymentService(
    ShopDbContext db, IEnumerable<IPaymentProvider> providers, IPayableOrders orders, IOutbox outbox, IOptions<PaymentOptions> options,
    IShopperCurrency shopperCurrency, Money money, TimeProvider clock, ILogger<PaymentService> logger) : IPayments, IRefundHistory
{
    private IEnumerable<IPaymentProvider> Offered =>
        (options.Value.Methods.Count > 0 ? options.Value.Methods : [Razorpay.RazorpayGateway.Code, Stripe.StripeGateway.Code, Sandbox.SandboxGateway.Code, CashOnDelivery.Code])
            .Select(code => providers.FirstOrDefault(p => p.Method.Code == code)).OfType<IPaymentProvider>().Where(p => p.IsConfigured);

    public Task<IReadOnlyList<PaymentMethod>> MethodsAsync() => Task.FromResult<IReadOnlyList<PaymentMethod>>(Offered.Select(p => p.Method).ToList());

    public IPaymentProvider? Provider(string code) => providers.FirstOrDefault(p => p.Method.Code == code);

    public async Task<PaymentStart> StartAsync(Guid orderId, string method, string returnPath)
    {
        var provider = Offered.FirstOrDefault(p => p.Method.Code == method && p.Method.PaysOnline)
            ?? throw new InputValidationException("Method", "Choose one of the online payment methods offered.");
        var order = await orders.FindAsync(orderId) ?? throw new InvalidOperationException($"Order {orderId} does not exist.");
        if (order.IsPaid)
            throw new ConflictException("payment.already_paid", "Order {0} is already paid.", order.Number);
        if (order.Status != OrderStatus.PendingPayment)
            throw new ConflictException("payment.not_payable", "Order {0} can no longer be paid.", order.Number);
        var payment = Payment.Start(order.Id, method, order.Total, order.Currency, clock.GetUtcNow());
        if (provider.Method.ChargesInOtherCurrencies && await shopperCurrency.ChargeAsync(order.Total) is { } charge)
            payment.ChargeIn(charge);
        db.Add(payment);
        await db.SaveChangesAsync();
        var url = await provider.StartAsync(payment, order, returnPath);
        await db.SaveChangesAsync();
        return new PaymentStart(payment.Id, url);
    }

    public async Task<RefundResult> RefundAsync(Guid orderId, decimal amount, string reason)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        var payment = await db.Set<Payment>()
            .FromSql($"SELECT * FROM payments.payments WHERE order_id = {orderId} AND status IN ('succeeded', 'partially_refunded') FOR UPDATE")
            .SingleOrDefaultAsync()
            ?? throw new ConflictException("refund.nothing_paid", "This order has no online payment to refund.");
        var now = clock.GetUtcNow();
        var providerAmount = payment.ProviderRefund(amount);
        payment.Refund(amount, money.Show, now);
        await Provider(payment.Provider)!.RefundAsync(payment, providerAmount);
        Announce(payment, amount, reason, now);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return new RefundResult(payment.Id, payment.Amount, payment.RefundedAmount, payment.Currency);
    }

    public async Task<RefundResult?> RefundStateAsync(Guid orderId) =>
        await db.Set<Payment>().AsNoTracking()
            .Where(p => p.OrderId == orderId && (p.Status == PaymentStatus.Succeeded || p.Status == PaymentStatus.PartiallyRefunded || p.Status == PaymentStatus.Refunded))
            .Select(p => new RefundResult(p.Id, p.Amount, p.RefundedAmount, p.Currency)).FirstOrDefaultAsync();

    public async Task<PaymentAttempt?> LatestAttemptAsync(Guid orderId) =>
        await db.Set<Payment>().AsNoTracking().Where(p => p.OrderId == orderId).OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id)
            .Select(p => new PaymentAttempt(p.Id, p.Provider, p.Status == PaymentStatus.Pending, p.Status == PaymentStatus.Failed ? p.FailureReason : null))
            .FirstOrDefaultAsync();

    public Task<Payment?> FindAsync(Guid paymentId) => db.Set<Payment>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == paymentId);

    /// <summary>
    /// Applies a verified provider event once: the event id is recorded in the same transaction as
    /// its effect, so a redelivery finds it and changes nothing. Returns what happened, for the log.
    /// </summary>
    public async Task<string> ApplyAsync(string providerCode, ProviderEvent received, string payload)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (await db.Set<PaymentEvent>().AnyAsync(e => e.Provider == providerCode && e.EventId == received.EventId))
            return "duplicate";
        var id = received.PaymentId ?? await db.Set<Payment>()
            .Where(p => p.Provider == providerCode && received.AttemptReference != null
                && (p.ProviderReference == received.AttemptReference || p.ProviderReference == received.ProviderReference))
            .Select(p => (Guid?)p.Id).FirstOrDefaultAsync();
        var payment = id is not null
            ? await db.Set<Payment>().FromSql($"SELECT * FROM payments.payments WHERE id = {id} FOR UPDATE").SingleOrDefaultAsync()
            : null;
        var outcome = Apply(payment, providerCode, received);
        db.Add(new PaymentEvent(providerCode, received.EventId, payment?.Id, received.Type, payload, outcome, clock.GetUtcNow()));
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return "duplicate";
        }
        await transaction.CommitAsync();
        if (outcome.StartsWith("rejected", StringComparison.Ordinal))
            throw new WebhookRejectedException(StatusCodes.Status400BadRequest, outcome);
        return outcome;
    }

    /// <summary>Keeps the refund in the payment's history and tells the other modules, in the refund's transaction.</summary>
    private void Announce(Payment payment, decimal amount, string reason, DateTimeOffset now)
    {
        var refund = new PaymentRefund(payment.Id, payment.OrderId, amount, now);
        db.Add(refund);
        outbox.Add(new RefundIssued(payment.OrderId, payment.Id, amount, payment.Status == PaymentStatus.Refunded, reason) { RefundId = refund.Id, RefundedAt = now });
    }

    public Task<IReadOnlyList<RefundRecord>> RefundsAsync(CancellationToken cancellationToken = default) =>
        RefundRecordsAsync(db.Set<PaymentRefund>(), cancellationToken);

    public Task<IReadOnlyList<RefundRecord>> RefundsOfAsync(Guid orderId, CancellationToken cancellationToken = default) =>
        RefundRecordsAsync(db.Set<PaymentRefund>().Where(r => r.OrderId == orderId), cancellationToken);

    private static async Task<IReadOnlyList<RefundRecord>> RefundRecordsAsync(IQueryable<PaymentRefund> refunds, CancellationToken cancellationToken) =>
        await refunds.AsNoTracking().OrderBy(r => r.RefundedAt)
            .Select(r => new RefundRecord(r.Id, r.OrderId, r.Amount, r.RefundedAt)).ToListAsync(cancellationToken);

    private string Apply(Payment? payment, string providerCode, ProviderEvent received)
    {
        if (payment is null || payment.Provider != providerCode)
            return "rejected: no such payment";
        if (received.Amount is { } amount && (amount != payment.ProviderAmount || !string.Equals(received.Currency, payment.ProviderCurrency, StringComparison.OrdinalIgnoreCase)))
        {
            LogMismatch(payment.Id, amount, received.Currency);
            return "rejected: amount or currency differs from the payment";
        }
        var now = clock.GetUtcNow();
        switch (received.Outcome)
        {
            case ProviderOutcome.Succeeded when payment.Succeed(received.ProviderReference, now):
                outbox.Add(Succeeded(payment));
                return "succeeded";
            case ProviderOutcome.Failed when payment.Fail(received.Reason ?? "The payment failed.", now):
                outbox.Add(new PaymentFailed(payment.OrderId, payment.Id, payment.FailureReason!));
                return "failed";
            case ProviderOutcome.Refunded when received.RefundedTotal is { } reported && payment.FromProviderCurrency(reported) is var refundedTotal
                                               && refundedTotal > payment.RefundedAmount:
                // A refund proves the money was taken, even if the success event has not arrived yet.
                if (payment.Succeed(received.ProviderReference, now))
                    outbox.Add(Succeeded(payment));
                var refunded = refundedTotal - payment.RefundedAmount;
                payment.Refund(refunded, money.Show, now);
                Announce(payment, refunded, $"refunded at {payment.Provider}", now);
                return "refunded";
            default:
                return $"no change ({received.Type} on a {payment.Status} payment)";
        }
    }

    private PaymentSucceeded Succeeded(Payment payment) => new(payment.OrderId, payment.Id, payment.Amount, payment.Currency, payment.Provider)
    {
        ChargedAs = payment.ChargedCurrency is { } currency && IsoCurrencies.Find(currency) is { } iso
            ? $"{iso.Show(payment.ChargedAmount!.Value)} at {money.Symbol}{payment.ChargedRate!.Value.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture)} per {currency}"
            : null,
    };

    [LoggerMessage(LogLevel.Warning, "A callback for payment {PaymentId} reported {Amount} {Currency}, which differs from the payment")]
    private partial void LogMismatch(Guid paymentId, decimal amount, string? currency);
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Shop.Web.Modules.Payments.Attempts;
using Shop.Web.Modules.Payments.Data;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Jobs;

namespace Shop.Web.Modules.Payments.Reconciliation;

/// <summary>
/// Asks providers about attempts still pending after <see cref="PaymentOptions.ReconcileAfter"/>
/// (a lost callback, a buyer who walked away) and applies the answer as if it were a callback. Every
/// instance runs it; answers are recorded under a fixed event id per attempt and outcome, so a
/// second instance asking the same question changes nothing.
/// </summary>
public sealed partial class PaymentReconciliation(IServiceScopeFactory scopes, IOptions<PaymentOptions> options, TimeProvider clock, ILogger<PaymentReconciliation> logger)
    : PeriodicJob(clock)
{
    /// <summary>Settles what the providers can settle; returns how many attempts changed.</summary>
    public async Task<int> ReconcileAsync(CancellationToken cancellationToken = default)
    {
        var before = Clock.GetUtcNow() - options.Value.ReconcileAfter;
        List<Guid> pending;
        await using (var scope = scopes.CreateAsyncScope())
            pending = await scope.ServiceProvider.GetRequiredService<ShopDbContext>().Set<Payment>().AsNoTracking()
                .Where(p => p.Status == PaymentStatus.Pending && p.CreatedAt < before).OrderBy(p => p.CreatedAt).Select(p => p.Id).Take(200)
                .ToListAsync(cancellationToken);
        var settled = 0;
        foreach (var paymentId in pending)
        {
            await using var scope = scopes.CreateAsyncScope();
            var service = scope.ServiceProvider.GetRequiredService<PaymentService>();
            if (await service.FindAsync(paymentId) is not { Status: PaymentStatus.Pending } payment || service.Provider(payment.Provider) is not { } provider)
                continue;
            try
            {
                if (await provider.QueryAsync(payment) is { } answer && await service.ApplyAsync(payment.Provider, answer, "{\"source\":\"reconciliation\"}") is "succeeded" or "failed")
                    settled++;
            }
            catch (Providers.WebhookRejectedException refused)
            {
                LogRefused(paymentId, refused.Message);
            }
        }
        return settled;
    }

    protected override TimeSpan Period => TimeSpan.FromMinutes(5);

    protected override bool RunsAtStart => false;

    protected override async Task RunRoundAsync(CancellationToken stoppingToken)
    {
        if (await ReconcileAsync(stoppingToken) is var settled and > 0)
            LogSettled(settled);
    }

    protected override void OnRoundFailed(Exception exception) => LogFailed(exception);

    [LoggerMessage(LogLevel.Information, "Reconciliation settled {Count} pending payments")]
    private partial void LogSettled(int count);

    [LoggerMessage(LogLevel.Warning, "The provider's answer about payment {PaymentId} was refused: {Reason}")]
    private partial void LogRefused(Guid paymentId, string reason);

    [LoggerMessage(LogLevel.Warning, "Reconciling pending payments failed; trying again in five minutes")]
    private partial void LogFailed(Exception exception);
}

using Microsoft.EntityFrameworkCore;
using Shop.Web.Modules.Support.Data;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Jobs;

namespace Shop.Web.Modules.Support.Console.Snooze;

/// <summary>
/// Brings snoozed conversations back to the queue when their time comes. Rows are locked with SKIP LOCKED,
/// so instances running it at once never wake the same conversation twice.
/// </summary>
internal sealed partial class SnoozeWakeUp(IServiceScopeFactory scopes, TimeProvider clock, ILogger<SnoozeWakeUp> logger) : PeriodicJob(clock)
{
    public const int Batch = 100;

    protected override TimeSpan Period => TimeSpan.FromMinutes(1);

    /// <summary>Wakes every snoozed conversation that is due; returns how many.</summary>
    public async Task<int> WakeDueAsync(CancellationToken cancellationToken = default)
    {
        var woken = 0;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
            var now = Clock.GetUtcNow();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var due = await db.Set<Conversation>().FromSql($"""
                SELECT * FROM support.conversations
                 WHERE status = 'snoozed' AND snoozed_until <= {now}
                 ORDER BY snoozed_until LIMIT {Batch} FOR UPDATE SKIP LOCKED
                """).ToListAsync(cancellationToken);
            foreach (var conversation in due)
                if (conversation.WakeIfDue(now) is { } message)
                    db.Add(message);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            woken += due.Count;
            if (due.Count < Batch)
                return woken;
        }
    }

    protected override Task RunRoundAsync(CancellationToken cancellationToken) => WakeDueAsync(cancellationToken);

    protected override void OnRoundFailed(Exception exception) => LogFailed(exception);

    [LoggerMessage(LogLevel.Warning, "Waking snoozed support conversations failed; the next round tries again")]
    private partial void LogFailed(Exception exception);
}

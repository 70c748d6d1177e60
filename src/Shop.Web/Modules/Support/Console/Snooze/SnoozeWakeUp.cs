using Microsoft.EntityFrameworkCore;
using Shop.Web.Modules.Support.Chat;
using Shop.Web.Modules.Support.Data;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Jobs;

namespace Shop.Web.Modules.Support.Console.Snooze;

/// <summary>
/// Brings snoozed conversations back to the queue when their time comes. Rows are locked with SKIP LOCKED,
/// so instances running it at once never wake the same conversation twice.
/// </summary>
internal sealed partial class SnoozeWakeUp(IServiceScopeFactory scopes, SupportPush push, TimeProvider clock, ILogger<SnoozeWakeUp> logger) : PeriodicJob(clock)
{
    public const int Batch = 100;

    protected override TimeSpan Period => TimeSpan.FromMinutes(1);

    /// <summary>Wakes every snoozed conversation that is due; returns how many.</summary>
    public async Task<int> WakeDueAsync(CancellationToken cancellationToken = default)
    {
        var count = 0;
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
            var woken = due.Select(c => c.WakeIfDue(now)).OfType<SupportMessage>().ToList();
            db.AddRange(woken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            foreach (var message in woken)
            {
                await push.MessageStoredAsync(message.ConversationId, message.Id, cancellationToken);
                push.QueueChanged(message.ConversationId);
            }
            count += woken.Count;
            if (due.Count < Batch)
                return count;
        }
    }

    protected override Task RunRoundAsync(CancellationToken cancellationToken) => WakeDueAsync(cancellationToken);

    protected override void OnRoundFailed(Exception exception) => LogFailed(exception);

    [LoggerMessage(LogLevel.Warning, "Waking snoozed support conversations failed; the next round tries again")]
    private partial void LogFailed(Exception exception);
}

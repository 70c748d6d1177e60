using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Shop.Web.Modules.Notifications.Contracts;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Jobs;

namespace Shop.Web.Modules.Support.Callbacks;

/// <summary>
/// Emails each customer a reminder shortly before their call-back. Every instance runs it; a reminder is
/// claimed by one of them (<c>FOR UPDATE SKIP LOCKED</c>, then <c>reminded_at</c> set in the same
/// transaction as the queued email), so each goes out once. A rescheduled call is reminded again.
/// </summary>
public sealed partial class CallbackReminders(IServiceScopeFactory scopes, IOptions<CallbackOptions> options, TimeProvider clock,
    ILogger<CallbackReminders> logger) : PeriodicJob(clock)
{
    protected override TimeSpan Period => options.Value.ReminderPoll;

    /// <summary>Sends the reminders now due; returns how many this instance sent.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken = default)
    {
        var sent = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
            var messages = scope.ServiceProvider.GetRequiredService<CallbackMessages>();
            var now = Clock.GetUtcNow();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var claimed = await db.Database.SqlQuery<Guid>($"""
                UPDATE support.callbacks SET reminded_at = {now}
                 WHERE conversation_id IN (SELECT conversation_id FROM support.callbacks
                                            WHERE reminded_at IS NULL AND (outcome IS NULL OR outcome = 'rescheduled')
                                              AND slot_start > {now} AND slot_start <= {now + options.Value.ReminderLead}
                                            ORDER BY slot_start LIMIT 20 FOR UPDATE SKIP LOCKED)
                RETURNING conversation_id AS "Value"
                """).ToListAsync(cancellationToken);
            foreach (var id in claimed)
                await messages.SendAsync(id, NotificationKind.SupportCallbackReminder, "reminder", cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            sent += claimed.Count;
            if (claimed.Count < 20)
                break;
        }
        return sent;
    }

    protected override Task RunRoundAsync(CancellationToken cancellationToken) => SendDueAsync(cancellationToken);

    protected override void OnRoundFailed(Exception exception) => LogFailed(exception);

    [LoggerMessage(LogLevel.Warning, "Sending call-back reminders failed; the next round tries again")]
    private partial void LogFailed(Exception exception);
}

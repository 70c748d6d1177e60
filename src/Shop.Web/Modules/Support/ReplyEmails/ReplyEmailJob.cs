using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Modules.Notifications.Contracts;
using Shop.Web.Modules.Support.Attachments;
using Shop.Web.Modules.Support.Callbacks;
using Shop.Web.Modules.Support.Conversations;
using Shop.Web.Modules.Support.Data;
using Shop.Web.Modules.Support.Emails;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Jobs;
using Shop.Web.Platform.Localization;

namespace Shop.Web.Modules.Support.ReplyEmails;

public sealed class ReplyEmailOptions
{
    /// <summary>Replies that follow each other within this window go out as one email, once the window has passed quietly (<c>Support:ReplyEmailDelay</c>).</summary>
    public TimeSpan ReplyEmailDelay { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often each instance looks for replies to email (<c>Support:ReplyEmailPoll</c>).</summary>
    public TimeSpan ReplyEmailPoll { get; set; } = TimeSpan.FromSeconds(15);
}

/// <summary>
/// Emails customers the replies of support and sellers they have not read. A conversation is due when it
/// has such replies newer than the last one emailed and the newest of them is older than the delay (so a
/// burst of replies makes one email). Every instance runs the job; a conversation is claimed with
/// <c>FOR UPDATE SKIP LOCKED</c>, and its email is queued and its last emailed reply recorded in that same
/// transaction, so each reply is emailed once. Notes and system events are never emailed.
/// </summary>
public sealed partial class ReplyEmailJob(IServiceScopeFactory scopes, IOptions<ReplyEmailOptions> options, TimeProvider clock, ILogger<ReplyEmailJob> logger)
    : PeriodicJob(clock)
{
    private const int Batch = 20;
    private static readonly TimeSpan LookBack = TimeSpan.FromDays(7);

    protected override TimeSpan Period => options.Value.ReplyEmailPoll;

    protected override bool RunsAtStart => false;

    /// <summary>Emails every conversation now due; returns how many emails this instance queued.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken = default)
    {
        var sent = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var round = await RoundOnceAsync(cancellationToken);
            sent += round.Sent;
            if (round.Claimed < Batch)
                break;
        }
        return sent;
    }

    private async Task<(int Claimed, int Sent)> RoundOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<ShopDbContext>();
        var now = Clock.GetUtcNow();
        var (since, quietSince) = (now - LookBack, now - options.Value.ReplyEmailDelay);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await db.Database.SqlQuery<Guid>($"""
            SELECT c.id AS "Value"
              FROM support.conversations c
              LEFT JOIN support.reply_emails e ON e.conversation_id = c.id
              LEFT JOIN support.read_positions r ON r.conversation_id = c.id AND r.participant_key = 'customer'
             WHERE c.id IN (SELECT m.conversation_id FROM support.messages m
                             WHERE m.author_kind IN ('agent', 'seller') AND m.created_at > {since})
               AND EXISTS (SELECT 1 FROM support.messages m
                            WHERE m.conversation_id = c.id AND m.author_kind IN ('agent', 'seller')
                              AND m.id > COALESCE(e.last_emailed_message_id, 0) AND m.id > COALESCE(r.last_read_message_id, 0))
               AND NOT EXISTS (SELECT 1 FROM support.messages m
                                WHERE m.conversation_id = c.id AND m.author_kind IN ('agent', 'seller')
                                  AND m.id > COALESCE(e.last_emailed_message_id, 0) AND m.created_at > {quietSince})
             ORDER BY c.id
             LIMIT {Batch}
               FOR UPDATE OF c SKIP LOCKED
            """).ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var id in claimed)
            if (await EmailAsync(services, db, id, now, cancellationToken))
                sent++;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (claimed.Count, sent);
    }

    /// <summary>Queues one email with every unread, not yet emailed reply, and records the last of them; in the caller's transaction.</summary>
    private static async Task<bool> EmailAsync(IServiceProvider services, ShopDbContext db, Guid conversationId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var conversation = await db.Set<Conversation>().AsNoTracking().SingleAsync(c => c.Id == conversationId, cancellationToken);
        var emailed = await db.Database.SqlQuery<long>($"SELECT last_emailed_message_id AS \"Value\" FROM support.reply_emails WHERE conversation_id = {conversationId}")
            .ToListAsync(cancellationToken);
        var read = await db.Set<ReadPosition>().AsNoTracking()
            .Where(r => r.ConversationId == conversationId && r.ParticipantKey == ReadPosition.CustomerSide).Select(r => r.LastReadMessageId).ToListAsync(cancellationToken);
        var after = Math.Max(emailed.DefaultIfEmpty().Max(), read.DefaultIfEmpty().Max());
        var replies = await db.Set<SupportMessage>().AsNoTracking()
            .Where(m => m.ConversationId == conversationId && (m.AuthorKind == AuthorKind.Agent || m.AuthorKind == AuthorKind.Seller) && m.Id > after)
            .OrderBy(m => m.Id).ToListAsync(cancellationToken);
        var last = await db.Set<SupportMessage>().AsNoTracking()
            .Where(m => m.ConversationId == conversationId && (m.AuthorKind == AuthorKind.Agent || m.AuthorKind == AuthorKind.Seller))
            .MaxAsync(m => (long?)m.Id, cancellationToken) ?? 0;
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO support.reply_emails (conversation_id, last_emailed_message_id, emailed_at)
            VALUES ({conversationId}, {last}, {now})
            ON CONFLICT (conversation_id) DO UPDATE
               SET last_emailed_message_id = GREATEST(support.reply_emails.last_emailed_message_id, EXCLUDED.last_emailed_message_id),
                   emailed_at = EXCLUDED.emailed_at
            """, cancellationToken);
        if (replies.Count == 0 || await services.GetRequiredService<ICustomerDirectory>().RecipientOfAsync(conversation) is not { } recipient)
            return false;

        var schedule = services.GetRequiredService<CallbackSchedule>();
        var access = services.GetRequiredService<ConversationAccess>();
        var names = await services.GetRequiredService<SupportAttachments>().NamesAsync(replies.Select(r => r.Id).ToList(), cancellationToken);
        var link = access.LinkPath(conversationId, guest: conversation.CustomerId is null);
        var texts = services.GetRequiredService<IStringLocalizer<Strings>>();
        var language = ConversationRecipients.LanguageOf(recipient);
        var model = new SupportRepliesModel(texts.For(recipient, conversation.Topic.Label()), replies.Select(r => new SupportReplyModel(
            texts.For(recipient, r.AuthorKind == AuthorKind.Seller ? "The seller|author" : "Support|author"), schedule.When(r.CreatedAt, language), r.Body,
            names.GetValueOrDefault(r.Id) ?? [])).ToList(), link);
        await services.GetRequiredService<INotifier>().NotifyAsync(new Notice(NotificationKind.SupportReplies, recipient, model,
            Key: $"support:{conversationId}:replies:{replies[^1].Id}", LinkPath: recipient.UserId is null ? null : link), cancellationToken);
        return true;
    }

    protected override Task RunRoundAsync(CancellationToken cancellationToken) => SendDueAsync(cancellationToken);

    protected override void OnRoundFailed(Exception exception) => LogFailed(exception);

    [LoggerMessage(LogLevel.Warning, "Emailing support replies failed; the next round tries again")]
    private partial void LogFailed(Exception exception);
}

public static class ReplyEmailsSetup
{
    public static WebApplicationBuilder AddSupportReplyEmails(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<ReplyEmailOptions>(builder.Configuration.GetSection("Support"));
        builder.Services.AddSingleton<ReplyEmailJob>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ReplyEmailJob>());
        return builder;
    }
}

using Microsoft.EntityFrameworkCore;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Modules.Support.Console.Sla;
using Shop.Web.Modules.Support.Data;
using Shop.Web.Platform.Api;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Errors;

namespace Shop.Web.Modules.Support.Console.Queue;

/// <summary>
/// What the queue is filtered by, as query parameters: status (open by default, or pending, snoozed,
/// resolved, all), channel, priority, assignee (me, unassigned, anyone, or an agent's id) and q, words
/// searched in every message (notes included).
/// </summary>
public sealed class QueueFilter
{
    public string? Status { get; set; }
    public string? Channel { get; set; }
    public string? Priority { get; set; }
    public string? Assignee { get; set; }
    public string? Q { get; set; }
}

/// <summary>
/// A conversation in the queue: who asked and what, who has it, since when the customer has waited and by
/// when support owes a response (the priority's target in business hours); Breached once that has passed.
/// </summary>
public sealed record QueueItem(Guid Id, Channel Channel, Topic Topic, ConversationStatus Status, Priority Priority,
    string CustomerName, bool Guest, Guid? AssigneeId, string? AssigneeName, string Excerpt, DateTimeOffset? WaitingSince,
    DateTimeOffset? ResponseDueAt, bool Breached, DateTimeOffset? SnoozedUntil, DateTimeOffset LastMessageAt, int Unread);

/// <summary>The agents' queue: every channel's conversations, the most urgent and longest waiting first.</summary>
public sealed class AgentQueue(ShopDbContext db, IStaffDirectory staff, SlaClock sla)
{
    public const int ExcerptLength = 140;

    public async Task<Paged<QueueItem>> ListAsync(QueueFilter filter, Guid agentId, PageRequest page, CancellationToken cancellationToken = default)
    {
        var query = db.Set<Conversation>().AsNoTracking();
        var status = filter.Status?.Trim().ToLowerInvariant() switch
        {
            null or "" or "waiting" => ConversationStatus.Open,
            "all" => (ConversationStatus?)null,
            var other => QueryEnum.Parse<ConversationStatus>(other, "status"),
        };
        if (status is { } wanted)
            query = query.Where(c => c.Status == wanted);
        if (QueryEnum.Parse<Channel>(filter.Channel, "channel") is { } channel)
            query = query.Where(c => c.Channel == channel);
        if (QueryEnum.Parse<Priority>(filter.Priority, "priority") is { } priority)
            query = query.Where(c => c.Priority == priority);
        switch (filter.Assignee?.Trim().ToLowerInvariant())
        {
            case null or "" or "anyone":
                break;
            case "me":
                query = query.Where(c => c.AssigneeId == agentId);
                break;
            case "unassigned":
                query = query.Where(c => c.AssigneeId == null);
                break;
            case var named when Guid.TryParse(named, out var assignee):
                query = query.Where(c => c.AssigneeId == assignee);
                break;
            default:
                throw new InputValidationException("assignee", "Use me, unassigned, anyone or an agent's id.");
        }
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var q = filter.Q.Trim();
            if (q.Length > 200)
                throw new InputValidationException("q", "Search for at most 200 characters.");
            var pattern = "%" + q.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            query = query.Where(c => db.Set<SupportMessage>().Any(m => m.ConversationId == c.Id && EF.Functions.ILike(m.Body, pattern, "\\")));
        }

        var key = agentId.ToString();
        var rows = await query
            .Select(c => new
            {
                Conversation = c,
                Excerpt = db.Set<SupportMessage>().Where(m => m.ConversationId == c.Id && m.AuthorKind == AuthorKind.Customer)
                    .OrderByDescending(m => m.Id).Select(m => m.Body.Substring(0, ExcerptLength)).FirstOrDefault(),
                LastAnswer = db.Set<SupportMessage>().Where(m => m.ConversationId == c.Id && (m.AuthorKind == AuthorKind.Agent || m.AuthorKind == AuthorKind.Seller))
                    .Max(m => (long?)m.Id),
                Read = db.Set<ReadPosition>().Where(r => r.ConversationId == c.Id && r.ParticipantKey == key).Select(r => (long?)r.LastReadMessageId).FirstOrDefault(),
            })
            .Select(r => new
            {
                r.Conversation,
                r.Excerpt,
                FirstWaiting = db.Set<SupportMessage>().Where(m => m.ConversationId == r.Conversation.Id && m.AuthorKind == AuthorKind.Customer && m.Id > (r.LastAnswer ?? 0))
                    .Min(m => (DateTimeOffset?)m.CreatedAt),
                Unread = db.Set<SupportMessage>().Count(m => m.ConversationId == r.Conversation.Id && m.AuthorKind == AuthorKind.Customer && m.Id > (r.Read ?? 0)),
            })
            // Urgent first, then whoever has waited longest (their oldest unanswered message, else the last change).
            .OrderBy(r => r.Conversation.Priority == Data.Priority.Urgent ? 0 : r.Conversation.Priority == Data.Priority.High ? 1 : r.Conversation.Priority == Data.Priority.Normal ? 2 : 3)
            .ThenBy(r => r.FirstWaiting ?? r.Conversation.UpdatedAt).ThenBy(r => r.Conversation.Id)
            .ToPagedAsync(page, cancellationToken);

        var customerIds = rows.Items.Select(r => r.Conversation.CustomerId).OfType<Guid>().Distinct().ToList();
        var names = await staff.NamesAsync(rows.Items.Select(r => r.Conversation.AssigneeId).OfType<Guid>().Concat(customerIds).Distinct().ToList(), cancellationToken);
        var now = sla.Now;
        var items = rows.Items.Select(r =>
        {
            var c = r.Conversation;
            DateTimeOffset? since = c.Status == ConversationStatus.Open ? r.FirstWaiting ?? c.UpdatedAt : null;
            DateTimeOffset? due = since is { } s ? sla.DueAt(c.Priority, s) : null;
            var customer = c.CustomerId is { } id ? names.GetValueOrDefault(id) ?? "Customer" : c.GuestName ?? "Guest";
            return new QueueItem(c.Id, c.Channel, c.Topic, c.Status, c.Priority, customer, c.CustomerId is null, c.AssigneeId,
                c.AssigneeId is { } a ? names.GetValueOrDefault(a) : null, r.Excerpt ?? "", since, due, due < now, c.SnoozedUntil, c.LastMessageAt, r.Unread);
        }).ToList();
        return new Paged<QueueItem>(items, rows.Total, rows.Page, rows.PageSize);
    }
}

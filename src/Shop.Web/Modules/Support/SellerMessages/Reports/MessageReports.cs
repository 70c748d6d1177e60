using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Shop.Web.Modules.Support.Data;
using Shop.Web.Modules.Support.SellerMessages.Threads;
using Shop.Web.Platform.Api;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Errors;

namespace Shop.Web.Modules.Support.SellerMessages.Reports;

public sealed class ReportRequest
{
    [Required(ErrorMessage = "Tell the admins what is wrong with this message.")]
    [StringLength(MessageReport.MaxReasonLength, MinimumLength = 3, ErrorMessage = "Use 3 to 500 characters for the reason.")]
    public string Reason { get; set; } = "";
}

public enum ReportDecision
{
    Dismiss,
    Handled,
}

public sealed class ResolveReportRequest
{
    [Required(ErrorMessage = "Choose dismiss or handled.")]
    public ReportDecision? Decision { get; set; }

    [StringLength(MessageReport.MaxNoteLength, ErrorMessage = "Use at most 1,000 characters for the note.")]
    public string? Note { get; set; }
}

/// <summary>A message one side of a thread may report, and the thread page to go back to.</summary>
public sealed record ReportableMessage(ThreadMessage Message, string BackPath);

/// <summary>A report with the message it is about, as the admins' queue shows it.</summary>
public sealed record ReportView(Guid Id, Guid ConversationId, long MessageId, AuthorKind ReporterSide, string ReporterName, string Reason, ReportStatus Status,
    string? ResolutionNote, DateTimeOffset CreatedAt, DateTimeOffset? ResolvedAt, ThreadMessage Message, string SellerName, string CustomerName);

/// <summary>
/// Either side of a buyer-seller thread reports a message of the other side (or of support) to the admins,
/// once per message; a message they cannot see does not exist for them. Admins list and close reports.
/// </summary>
public sealed class MessageReports(ShopDbContext db, SellerThreads threads, TimeProvider clock)
{
    public async Task<ReportView?> FileAsync(Guid userId, long messageId, ReportRequest request, CancellationToken cancellationToken = default)
    {
        var found = await (from m in db.Set<SupportMessage>().AsNoTracking()
                           join c in threads.Threads() on m.ConversationId equals c.Id
                           where m.Id == messageId && m.AuthorKind != AuthorKind.Note && (c.CustomerId == userId || c.SellerId == userId)
                           select new { Message = m, c.CustomerId }).SingleOrDefaultAsync(cancellationToken);
        if (found is null)
            return null;
        if (string.IsNullOrWhiteSpace(request.Reason))
            throw new InputValidationException(nameof(ReportRequest.Reason), "Tell the admins what is wrong with this message.");
        var side = found.CustomerId == userId ? AuthorKind.Customer : AuthorKind.Seller;
        var report = MessageReport.File(found.Message, userId, side, request.Reason, clock.GetUtcNow());
        if (await db.Set<MessageReport>().AnyAsync(r => r.MessageId == messageId && r.ReporterId == userId, cancellationToken))
            throw Duplicate();
        db.Add(report);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw Duplicate();
        }
        return await ViewAsync(report, cancellationToken);
    }

    /// <summary>The message, when the user is a side of its thread and it is not their own; null otherwise.</summary>
    public async Task<ReportableMessage?> ReportableAsync(Guid userId, long messageId, CancellationToken cancellationToken = default)
    {
        var conversation = await (from m in db.Set<SupportMessage>()
                                  join c in threads.Threads() on m.ConversationId equals c.Id
                                  where m.Id == messageId && m.AuthorKind != AuthorKind.Note && m.AuthorKind != AuthorKind.System
                                      && (c.CustomerId == userId || c.SellerId == userId)
                                  select c).SingleOrDefaultAsync(cancellationToken);
        if (conversation is null)
            return null;
        var customerSide = conversation.CustomerId == userId;
        var thread = await threads.ViewAsync(conversation, null, withNotes: false, cancellationToken);
        var message = thread.Messages.Single(m => m.Id == messageId);
        if (message.Author == (customerSide ? AuthorKind.Customer : AuthorKind.Seller))
            return null;
        return new ReportableMessage(message, customerSide ? $"/account/support/{conversation.Id}" : $"/seller/messages/{conversation.Id}");
    }

    /// <summary>The reporter's own reports of messages in one thread (to show "reported" beside them).</summary>
    public async Task<IReadOnlySet<long>> ReportedByAsync(Guid userId, Guid conversationId, CancellationToken cancellationToken = default) =>
        (await db.Set<MessageReport>().Where(r => r.ReporterId == userId && r.ConversationId == conversationId).Select(r => r.MessageId)
            .ToListAsync(cancellationToken)).ToHashSet();

    /// <summary>A status as a query names it (open when none); anything else is a field error.</summary>
    public static ReportStatus StatusNamed(string? status) =>
        string.IsNullOrEmpty(status) ? ReportStatus.Open
        : Enum.TryParse<ReportStatus>(status, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !char.IsDigit(status[0]) ? parsed
        : throw new InputValidationException(nameof(status), "Use open, dismissed or handled.");

    public async Task<Paged<ReportView>> ListAsync(ReportStatus status, PageRequest page, CancellationToken cancellationToken = default)
    {
        var reports = await db.Set<MessageReport>().AsNoTracking().Where(r => r.Status == status).OrderBy(r => r.CreatedAt).ThenBy(r => r.Id)
            .ToPagedAsync(page, cancellationToken);
        var views = new List<ReportView>();
        foreach (var report in reports.Items)
            views.Add(await ViewAsync(report, cancellationToken));
        return new Paged<ReportView>(views, reports.Total, reports.Page, reports.PageSize);
    }

    public async Task<ReportView?> ResolveAsync(Guid adminId, Guid id, ResolveReportRequest request, CancellationToken cancellationToken = default)
    {
        if (await db.Set<MessageReport>().SingleOrDefaultAsync(r => r.Id == id, cancellationToken) is not { } report)
            return null;
        if (request.Decision is not { } decision)
            throw new InputValidationException(nameof(ResolveReportRequest.Decision), "Choose dismiss or handled.");
        if (decision == ReportDecision.Handled && string.IsNullOrWhiteSpace(request.Note))
            throw new InputValidationException(nameof(ResolveReportRequest.Note), "Say what was done about it.");
        report.Resolve(decision == ReportDecision.Handled, adminId, request.Note, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return await ViewAsync(report, cancellationToken);
    }

    private async Task<ReportView> ViewAsync(MessageReport report, CancellationToken cancellationToken)
    {
        var conversation = await threads.Threads().SingleAsync(c => c.Id == report.ConversationId, cancellationToken);
        var thread = await threads.ViewAsync(conversation, null, withNotes: false, cancellationToken);
        var message = thread.Messages.Single(m => m.Id == report.MessageId);
        return new ReportView(report.Id, report.ConversationId, report.MessageId, report.ReporterSide,
            report.ReporterSide == AuthorKind.Seller ? thread.SellerName : thread.CustomerName, report.Reason, report.Status, report.ResolutionNote,
            report.CreatedAt, report.ResolvedAt, message, thread.SellerName, thread.CustomerName);
    }

    private static ConflictException Duplicate() => new("already-reported", "You already reported this message; the admins will look at it.");
}

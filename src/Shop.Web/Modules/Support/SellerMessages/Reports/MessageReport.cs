using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shop.Web.Modules.Support.Data;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Errors;

namespace Shop.Web.Modules.Support.SellerMessages.Reports;

/// <summary>Open: waiting for an admin. Dismissed: nothing wrong. Handled: an admin acted on it (the note says how).</summary>
public enum ReportStatus
{
    Open,
    Dismissed,
    Handled,
}

/// <summary>
/// A customer or a seller told the admins that a message in their thread is wrong (abuse, spam, a request
/// to pay outside the shop). One per reporter and message; an admin closes it once, with a note.
/// </summary>
public sealed class MessageReport
{
    public const int MaxReasonLength = 500;
    public const int MaxNoteLength = 1000;

    private MessageReport()
    {
    }

    public Guid Id { get; private set; }
    public long MessageId { get; private set; }
    public Guid ConversationId { get; private set; }
    public Guid ReporterId { get; private set; }
    public AuthorKind ReporterSide { get; private set; }
    public string Reason { get; private set; } = "";
    public ReportStatus Status { get; private set; }
    public string? ResolutionNote { get; private set; }
    public Guid? ResolvedBy { get; private set; }
    public DateTimeOffset? ResolvedAt { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>A report of someone else's message by one side of its thread (the customer or the seller).</summary>
    public static MessageReport File(SupportMessage message, Guid reporterId, AuthorKind side, string reason, DateTimeOffset now)
    {
        if (side is not (AuthorKind.Customer or AuthorKind.Seller))
            throw new InvalidOperationException("Only the customer or the seller of a thread report its messages.");
        if (message.AuthorKind == side || message.AuthorId == reporterId)
            throw new NotYoursToReportException("You cannot report your own message.");
        if (message.AuthorKind is AuthorKind.Note or AuthorKind.System)
            throw new ConflictException("report-not-allowed", "Only messages people wrote can be reported.");
        return new MessageReport
        {
            Id = Guid.CreateVersion7(now),
            MessageId = message.Id,
            ConversationId = message.ConversationId,
            ReporterId = reporterId,
            ReporterSide = side,
            Reason = reason.Trim(),
            Status = ReportStatus.Open,
            CreatedAt = now,
        };
    }

    /// <summary>An admin closes the report: dismissed, or handled with what was done.</summary>
    public void Resolve(bool handled, Guid adminId, string? note, DateTimeOffset now)
    {
        if (Status != ReportStatus.Open)
            throw new ConflictException("report-closed", "This report was already closed.");
        (Status, ResolutionNote, ResolvedBy, ResolvedAt) = (handled ? ReportStatus.Handled : ReportStatus.Dismissed,
            string.IsNullOrWhiteSpace(note) ? null : note.Trim(), adminId, now);
    }
}

internal sealed class MessageReportConfiguration : IEntityTypeConfiguration<MessageReport>
{
    public void Configure(EntityTypeBuilder<MessageReport> builder)
    {
        builder.ToTable("message_reports", "support");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.ReporterSide).IsLowercaseName();
        builder.Property(r => r.Status).IsLowercaseName();
        builder.Property(r => r.Reason).HasMaxLength(MessageReport.MaxReasonLength);
        builder.Property(r => r.ResolutionNote).HasMaxLength(MessageReport.MaxNoteLength);
        builder.HasOne<SupportMessage>().WithMany().HasForeignKey(r => r.MessageId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.MessageId, r.ReporterId }).IsUnique();
        builder.HasIndex(r => new { r.Status, r.CreatedAt });
    }
}

/// <summary>One's own message is not one's to report: 403.</summary>
public sealed class NotYoursToReportException(string message) : DomainException("own-message", message)
{
    public override int StatusCode => StatusCodes.Status403Forbidden;
}

using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Modules.Notifications.Contracts;
using Shop.Web.Modules.Support.Attachments;
using Shop.Web.Modules.Support.Callbacks;
using Shop.Web.Modules.Support.Conversations;
using Shop.Web.Modules.Support.Data;
using Shop.Web.Modules.Support.Emails;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Localization;
using Shop.Web.Platform.Security;

namespace Shop.Web.Modules.Support.Transcripts;

/// <summary>
/// Emails a conversation's transcript to its customer: every message they may see (never support's notes),
/// with attachment names. Asking again before anything new was written sends nothing more.
/// </summary>
public sealed class TranscriptMailer(ShopDbContext db, SupportDesk desk, ICustomerDirectory customers, INotifier notifier, ConversationAccess access,
    CallbackSchedule schedule, SupportAttachments attachments, IStringLocalizer<Strings> texts)
{
    /// <summary>Queues the email; false when the viewer may not see the conversation.</summary>
    public async Task<bool> SendAsync(Guid id, SupportViewer viewer, CancellationToken cancellationToken = default)
    {
        var view = await desk.FindAsync(id, viewer, cancellationToken);
        if (view is null)
            return false;
        var conversation = await db.Set<Conversation>().AsNoTracking().SingleAsync(c => c.Id == id, cancellationToken);
        if (await customers.RecipientOfAsync(conversation) is not { } recipient)
            return true;
        var names = await attachments.NamesAsync(view.Messages.Select(m => m.Id).ToList(), cancellationToken);
        var link = access.LinkPath(id, guest: conversation.CustomerId is null);
        var language = ConversationRecipients.LanguageOf(recipient);
        var model = new SupportTranscriptModel(texts.For(recipient, conversation.Topic.Label()), schedule.When(conversation.CreatedAt, language),
            view.Messages.Select(m => new SupportReplyModel(texts.For(recipient, Author(m.Author)), schedule.When(m.CreatedAt, language), m.Body,
                names.GetValueOrDefault(m.Id) ?? [])).ToList(), link);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await notifier.NotifyAsync(new Notice(NotificationKind.SupportTranscript, recipient, model,
            Key: $"support:{id}:transcript:{view.Messages.Select(m => m.Id).DefaultIfEmpty().Max()}"), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static string Author(AuthorKind author) => author switch
    {
        AuthorKind.Customer => "You",
        AuthorKind.Seller => "The seller|author",
        AuthorKind.System => "Update|author",
        _ => "Support|author",
    };
}

public static class TranscriptsSetup
{
    public static WebApplicationBuilder AddSupportTranscripts(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<TranscriptMailer>();
        return builder;
    }

    public static WebApplication MapSupportTranscripts(this WebApplication app)
    {
        app.MapPost("/api/v1/support/conversations/{id:guid}/transcript", async Task<Results<Accepted, NotFound>> (
                Guid id, string? access, ClaimsPrincipal user, TranscriptMailer transcripts) =>
                await transcripts.SendAsync(id, new SupportViewer(user.Identity?.IsAuthenticated == true ? user.UserId() : null, access))
                    ? TypedResults.Accepted((string?)null) : TypedResults.NotFound())
            .AllowAnonymous().Access(Callers.Anyone, Objects.Own).WithTags("Support")
            .WithName("EmailSupportTranscript").WithSummary("Email yourself the conversation's transcript (every message you can see). Guests add ?access=.");
        return app;
    }
}

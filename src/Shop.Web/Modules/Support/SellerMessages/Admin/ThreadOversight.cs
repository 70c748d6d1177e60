using Microsoft.EntityFrameworkCore;
using Shop.Web.Modules.Support.Data;
using Shop.Web.Modules.Support.SellerMessages.Threads;
using Shop.Web.Platform.Api;
using Shop.Web.Platform.Errors;

namespace Shop.Web.Modules.Support.SellerMessages.Admin;

/// <summary>
/// Admins over buyer-seller threads: they read any (notes included) and step in, answering as support
/// (both sides see it; the first time, a system message says an admin joined) or writing a note only staff see.
/// </summary>
public sealed class ThreadOversight(SellerThreads threads, TimeProvider clock)
{
    public const string JoinedMessage = "An admin joined the conversation";

    public Task<Paged<SellerThreadSummary>> ListAsync(bool reportedOnly, PageRequest page, CancellationToken cancellationToken = default)
    {
        var all = threads.Threads();
        if (reportedOnly)
            all = all.Where(c => threads.OpenReports().Any(r => r.ConversationId == c.Id));
        return threads.SummariesAsync(all, _ => null, page, cancellationToken);
    }

    public async Task<SellerThreadView?> FindAsync(Guid adminId, Guid id, CancellationToken cancellationToken = default) =>
        await threads.Threads().SingleOrDefaultAsync(c => c.Id == id, cancellationToken) is { } conversation
            ? await threads.ViewAsync(conversation, adminId.ToString(), withNotes: true, cancellationToken)
            : null;

    public async Task<ThreadMessage?> StepInAsync(Guid adminId, Guid id, ThreadReplyRequest request, CancellationToken cancellationToken = default)
    {
        if (await threads.Threads(tracked: true).SingleOrDefaultAsync(c => c.Id == id, cancellationToken) is not { } conversation)
            return null;
        if (string.IsNullOrWhiteSpace(request.Body))
            throw new InputValidationException(nameof(ThreadReplyRequest.Body), "Write your message.");
        var now = clock.GetUtcNow();
        if (!request.Note && !await threads.HasJoinedAsync(id, cancellationToken))
            await threads.StoreAsync(conversation.Post(AuthorKind.System, adminId, JoinedMessage, now), null, cancellationToken);
        var message = conversation.Post(request.Note ? AuthorKind.Note : AuthorKind.Agent, adminId, request.Body, now);
        await threads.StoreAsync(message, adminId.ToString(), cancellationToken);
        return new ThreadMessage(message.Id, message.AuthorKind, request.Note ? "Note" : "Support", message.Body, message.CreatedAt);
    }
}

using Microsoft.EntityFrameworkCore;
using Shop.Web.Modules.Support.Data;
using Shop.Web.Modules.Support.SellerMessages.Threads;
using Shop.Web.Platform.Api;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Errors;

namespace Shop.Web.Modules.Support.SellerMessages.Seller;

/// <summary>
/// The seller's side of buyer-seller threads: only threads whose seller they are exist for them (any other
/// is not found). They read (never support's notes), reply, and mark read under their own read position.
/// </summary>
public sealed class SellerInbox(ShopDbContext db, SellerThreads threads, TimeProvider clock)
{
    public Task<Paged<SellerThreadSummary>> ListAsync(Guid sellerId, bool unansweredOnly, PageRequest page, CancellationToken cancellationToken = default)
    {
        var own = threads.Threads().Where(c => c.SellerId == sellerId);
        if (unansweredOnly)
            own = own.Where(c => c.Status == ConversationStatus.Open);
        var key = SellerThreads.SellerKey(sellerId);
        return threads.SummariesAsync(own, _ => key, page, cancellationToken);
    }

    /// <summary>How many customer and support messages wait unread in the seller's threads (the nav's badge).</summary>
    public Task<int> UnreadAsync(Guid sellerId, CancellationToken cancellationToken = default)
    {
        var key = SellerThreads.SellerKey(sellerId);
        return (from c in threads.Threads().Where(c => c.SellerId == sellerId)
                join m in db.Set<SupportMessage>() on c.Id equals m.ConversationId
                where (m.AuthorKind == AuthorKind.Customer || m.AuthorKind == AuthorKind.Agent)
                    && m.Id > db.Set<ReadPosition>().Where(r => r.ConversationId == c.Id && r.ParticipantKey == key).Select(r => r.LastReadMessageId).FirstOrDefault()
                select m.Id).CountAsync(cancellationToken);
    }

    public async Task<SellerThreadView?> FindAsync(Guid sellerId, Guid id, CancellationToken cancellationToken = default) =>
        await OwnAsync(sellerId, id, tracked: false, cancellationToken) is { } conversation
            ? await threads.ViewAsync(conversation, SellerThreads.SellerKey(sellerId), withNotes: false, cancellationToken)
            : null;

    /// <summary>The seller answers: the thread waits on the customer, who hears of it by the reply email.</summary>
    public async Task<ThreadMessage?> ReplyAsync(Guid sellerId, Guid id, ThreadReplyRequest request, CancellationToken cancellationToken = default)
    {
        if (await OwnAsync(sellerId, id, tracked: true, cancellationToken) is not { } conversation)
            return null;
        if (string.IsNullOrWhiteSpace(request.Body))
            throw new InputValidationException(nameof(ThreadReplyRequest.Body), "Write your reply.");
        if (request.Note)
            throw new InputValidationException(nameof(ThreadReplyRequest.Note), "Sellers reply to the customer; notes are support's.");
        var message = conversation.Post(AuthorKind.Seller, sellerId, request.Body, clock.GetUtcNow());
        await threads.StoreAsync(message, SellerThreads.SellerKey(sellerId), cancellationToken);
        return new ThreadMessage(message.Id, message.AuthorKind, await threads.SellerNameAsync(sellerId), message.Body, message.CreatedAt);
    }

    public async Task<bool> MarkReadAsync(Guid sellerId, Guid id, CancellationToken cancellationToken = default)
    {
        if (await OwnAsync(sellerId, id, tracked: false, cancellationToken) is null)
            return false;
        var last = await db.Set<SupportMessage>().Where(m => m.ConversationId == id && m.AuthorKind != AuthorKind.Note)
            .MaxAsync(m => (long?)m.Id, cancellationToken);
        if (last is not null)
            await threads.MoveReadPositionAsync(id, SellerThreads.SellerKey(sellerId), last.Value, cancellationToken);
        return true;
    }

    private Task<Conversation?> OwnAsync(Guid sellerId, Guid id, bool tracked, CancellationToken cancellationToken) =>
        threads.Threads(tracked).SingleOrDefaultAsync(c => c.Id == id && c.SellerId == sellerId, cancellationToken);
}

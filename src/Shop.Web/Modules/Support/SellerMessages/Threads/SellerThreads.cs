using Shop.Web.Modules.Support.Chat;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Shop.Web.Modules.Catalog.Contracts;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Modules.Ordering.Contracts;
using Shop.Web.Modules.Support.Contracts;
using Shop.Web.Modules.Support.Data;
using Shop.Web.Modules.Support.SellerMessages.Reports;
using Shop.Web.Platform.Api;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Errors;
using Shop.Web.Platform.Outbox;

namespace Shop.Web.Modules.Support.SellerMessages.Threads;

/// <summary>
/// Buyer-seller threads: conversations of the order-thread channel with a seller. A customer starts or
/// continues one (one per customer, seller and order, or product); sellers and admins read them through
/// their own use cases, which build their views here. Every message is stored with its
/// <see cref="SupportMessagePosted"/> event in one transaction.
/// </summary>
public sealed class SellerThreads(ShopDbContext db, IOutbox outbox, ICustomerOrderReferences orders, ICatalogLookup catalog,
    ICustomerDirectory customers, ISellerDirectory sellers, TimeProvider clock, SupportPush push)
{
    /// <summary>
    /// The customer writes to a seller about their order or a product; the same customer, seller and subject
    /// continue one thread. Two first messages at once both try to start it: the unique index lets one win,
    /// and the other then continues the winner's thread.
    /// </summary>
    public async Task<StartedThread> AskAsync(Guid customerId, AskSellerRequest request, CancellationToken cancellationToken = default)
    {
        var (sellerId, orderId, productId) = await SubjectAsync(customerId, request, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await WriteAsync(customerId, sellerId, orderId, productId, request.Message, cancellationToken);
            }
            catch (DbUpdateException e) when (attempt < 3 && e.InnerException is PostgresException
            {
                SqlState: PostgresErrorCodes.UniqueViolation,
                ConstraintName: ConversationConfiguration.SellerThreadOrderIndex or ConversationConfiguration.SellerThreadProductIndex,
            })
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<StartedThread> WriteAsync(Guid customerId, Guid sellerId, Guid? orderId, Guid? productId, string body, CancellationToken cancellationToken)
    {
        var conversation = await Threads(tracked: true).Where(c => c.CustomerId == customerId && c.SellerId == sellerId)
            .Where(c => orderId != null ? c.OrderId == orderId : c.OrderId == null && c.ProductId == productId)
            .SingleOrDefaultAsync(cancellationToken);
        var continued = conversation is not null;
        SupportMessage message;
        if (conversation is null)
        {
            var customer = await customers.FindAsync(customerId) ?? throw new InvalidOperationException("The signed-in user has no account.");
            (conversation, message) = Conversation.Start(Channel.OrderThread, orderId is null ? Topic.Product : Topic.Order,
                new SupportCustomer(customerId, customer.Name, customer.Email), orderId, body, clock.GetUtcNow());
            conversation.WithSeller(sellerId, productId);
            db.Add(conversation);
            outbox.Add(new ConversationStarted(conversation.Id));
        }
        else
            message = conversation.Post(AuthorKind.Customer, customerId, body, clock.GetUtcNow());
        await StoreAsync(message, ReadPosition.CustomerSide, cancellationToken);
        return new StartedThread(conversation.Id, message.Id, continued, await SellerNameAsync(sellerId));
    }

    /// <summary>Whom the customer is about to write to and about what, and the thread it continues if any; refused as <see cref="AskAsync"/> would be.</summary>
    public async Task<AskPreview> PreviewAsync(Guid customerId, AskSellerRequest request, CancellationToken cancellationToken = default)
    {
        var (sellerId, orderId, productId) = await SubjectAsync(customerId, request, cancellationToken);
        var existing = await Threads().Where(c => c.CustomerId == customerId && c.SellerId == sellerId)
            .Where(c => orderId != null ? c.OrderId == orderId : c.OrderId == null && c.ProductId == productId)
            .Select(c => (Guid?)c.Id).SingleOrDefaultAsync(cancellationToken);
        var about = orderId is { } order
            ? $"your order {(await orders.FindOwnAsync(customerId, order, cancellationToken))!.Number}"
            : (await catalog.ProductAsync(productId!.Value))!.Title;
        return new AskPreview(await SellerNameAsync(sellerId), about, existing);
    }

    /// <summary>Whom the customer may write to about what: only a seller on their own order, or the seller of a product on sale.</summary>
    private async Task<(Guid Seller, Guid? Order, Guid? Product)> SubjectAsync(Guid customerId, AskSellerRequest request, CancellationToken cancellationToken)
    {
        if (request.OrderId is null == request.ProductId is null)
            throw new InputValidationException(nameof(AskSellerRequest.OrderId), "Name either one of your orders or a product.");
        if (request.OrderId is { } orderId)
        {
            var onOrder = await orders.SellersOfOwnAsync(customerId, orderId, cancellationToken);
            if (onOrder.Count == 0)
                throw new InputValidationException(nameof(AskSellerRequest.OrderId), "Choose one of your own orders.");
            if (request.SellerId is not { } seller || !onOrder.Contains(seller))
                throw new InputValidationException(nameof(AskSellerRequest.SellerId), "Choose a seller of this order.");
            return (seller, orderId, null);
        }
        var product = await catalog.ProductAsync(request.ProductId!.Value);
        if (product is not { Active: true })
            throw new InputValidationException(nameof(AskSellerRequest.ProductId), "That product is not on sale.");
        if (request.SellerId is { } named && named != product.SellerId)
            throw new InputValidationException(nameof(AskSellerRequest.SellerId), "That seller does not sell this product.");
        if (product.SellerId == customerId)
            throw new InputValidationException(nameof(AskSellerRequest.ProductId), "This is your own product.");
        return (product.SellerId, null, product.Id);
    }

    /// <summary>Stores a new message and its event in one transaction, and moves its writer's read position to it.</summary>
    internal async Task StoreAsync(SupportMessage message, string? readerKey, CancellationToken cancellationToken)
    {
        db.Add(message);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        outbox.Add(new SupportMessagePosted(message.ConversationId, message.Id));
        if (readerKey is not null)
            await MoveReadPositionAsync(message.ConversationId, readerKey, message.Id, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await push.MessageStoredAsync(message.ConversationId, message.Id, cancellationToken);
    }

    internal Task MoveReadPositionAsync(Guid conversationId, string participantKey, long messageId, CancellationToken cancellationToken) =>
        ReadPositions.MoveAsync(db.Database, conversationId, participantKey, messageId, cancellationToken);

    /// <summary>The seller's read position: their user id, as staff read under theirs.</summary>
    public static string SellerKey(Guid sellerId) => sellerId.ToString();

    /// <summary>Order threads, tracked or not.</summary>
    internal IQueryable<Conversation> Threads(bool tracked = false) =>
        (tracked ? db.Set<Conversation>() : db.Set<Conversation>().AsNoTracking()).Where(c => c.Channel == Channel.OrderThread && c.SellerId != null);

    internal IQueryable<MessageReport> OpenReports() => db.Set<MessageReport>().Where(r => r.Status == ReportStatus.Open);

    /// <summary>Whether an admin has already joined the thread (said so, or answered in it).</summary>
    internal Task<bool> HasJoinedAsync(Guid conversationId, CancellationToken cancellationToken) =>
        db.Set<SupportMessage>().AnyAsync(m => m.ConversationId == conversationId
            && (m.AuthorKind == AuthorKind.Agent || (m.AuthorKind == AuthorKind.System && m.Body == Admin.ThreadOversight.JoinedMessage)), cancellationToken);

    /// <summary>A page of threads, latest first, with what the reader (by read position key; null for "nobody": admins) has not read.</summary>
    internal async Task<Paged<SellerThreadSummary>> SummariesAsync(IQueryable<Conversation> threads, Func<Conversation, string?> readerKey, PageRequest page,
        CancellationToken cancellationToken)
    {
        var rows = await threads.OrderByDescending(c => c.LastMessageAt).ThenByDescending(c => c.Id)
            .Select(c => new
            {
                Conversation = c,
                Latest = db.Set<SupportMessage>().Where(m => m.ConversationId == c.Id && m.AuthorKind != AuthorKind.Note && m.AuthorKind != AuthorKind.System)
                    .OrderByDescending(m => m.Id).Select(m => m.Body.Substring(0, 120)).FirstOrDefault() ?? "",
                OpenReports = db.Set<MessageReport>().Count(r => r.ConversationId == c.Id && r.Status == ReportStatus.Open),
            })
            .ToPagedAsync(page, cancellationToken);
        var summaries = new List<SellerThreadSummary>();
        foreach (var row in rows.Items)
        {
            var c = row.Conversation;
            var key = readerKey(c);
            var unread = key is null ? 0 : await db.Set<SupportMessage>().CountAsync(m => m.ConversationId == c.Id
                && (m.AuthorKind == AuthorKind.Customer || m.AuthorKind == AuthorKind.Agent)
                && m.Id > db.Set<ReadPosition>().Where(r => r.ConversationId == c.Id && r.ParticipantKey == key).Select(r => r.LastReadMessageId).FirstOrDefault(),
                cancellationToken);
            var (orderNumber, productTitle, _) = await SubjectOfAsync(c, cancellationToken);
            summaries.Add(new SellerThreadSummary(c.Id, c.SellerId!.Value, await SellerNameAsync(c.SellerId.Value), await CustomerNameAsync(c),
                orderNumber is not null ? $"Order {orderNumber}" : productTitle ?? "A product", row.Latest, unread, c.Status == ConversationStatus.Open,
                row.OpenReports, c.LastMessageAt));
        }
        return new Paged<SellerThreadSummary>(summaries, rows.Total, rows.Page, rows.PageSize);
    }

    /// <summary>A thread with its messages as one reader sees it: notes only for staff.</summary>
    internal async Task<SellerThreadView> ViewAsync(Conversation conversation, string? readerKey, bool withNotes, CancellationToken cancellationToken)
    {
        var sellerName = await SellerNameAsync(conversation.SellerId!.Value);
        var customerName = await CustomerNameAsync(conversation);
        var messages = await db.Set<SupportMessage>().AsNoTracking()
            .Where(m => m.ConversationId == conversation.Id && (withNotes || m.AuthorKind != AuthorKind.Note)).OrderBy(m => m.Id)
            .ToListAsync(cancellationToken);
        var positions = await db.Set<ReadPosition>().AsNoTracking().Where(r => r.ConversationId == conversation.Id).ToListAsync(cancellationToken);
        var (orderNumber, productTitle, productSlug) = await SubjectOfAsync(conversation, cancellationToken);
        return new SellerThreadView(conversation.Id, conversation.Topic, conversation.Status, conversation.SellerId.Value, sellerName, customerName,
            conversation.OrderId, orderNumber, conversation.ProductId, productTitle, productSlug,
            messages.Select(m => new ThreadMessage(m.Id, m.AuthorKind, m.AuthorKind switch
            {
                AuthorKind.Customer => customerName,
                AuthorKind.Seller => sellerName,
                AuthorKind.Note => "Note",
                AuthorKind.System => "",
                _ => "Support",
            }, m.Body, m.CreatedAt)).ToList(),
            positions.Where(p => p.ParticipantKey == ReadPosition.CustomerSide).Select(p => p.LastReadMessageId).DefaultIfEmpty().Max(),
            positions.Where(p => p.ParticipantKey == readerKey).Select(p => p.LastReadMessageId).DefaultIfEmpty().Max(),
            conversation.CreatedAt, conversation.LastMessageAt);
    }

    /// <summary>The seller a conversation is with, by their shop name; null for conversations with support alone.</summary>
    public async Task<string?> SellerNameOfAsync(Guid conversationId, CancellationToken cancellationToken = default) =>
        await db.Set<Conversation>().AsNoTracking().Where(c => c.Id == conversationId).Select(c => c.SellerId).SingleOrDefaultAsync(cancellationToken) is { } sellerId
            ? await SellerNameAsync(sellerId)
            : null;

    /// <summary>A seller's shop name, or their account name before their shop has one.</summary>
    public async Task<string> SellerNameAsync(Guid sellerId) =>
        (await sellers.FindAsync([sellerId])).GetValueOrDefault(sellerId)?.ShopName
        ?? (await customers.FindAsync(sellerId))?.Name
        ?? "The seller";

    private async Task<string> CustomerNameAsync(Conversation conversation) =>
        conversation.CustomerId is { } id ? (await customers.FindAsync(id))?.Name ?? "A customer" : conversation.GuestName ?? "A guest";

    private async Task<(string? OrderNumber, string? ProductTitle, string? ProductSlug)> SubjectOfAsync(Conversation conversation, CancellationToken cancellationToken)
    {
        var order = conversation is { OrderId: { } orderId, CustomerId: { } customerId } ? await orders.FindOwnAsync(customerId, orderId, cancellationToken) : null;
        var product = conversation.ProductId is { } productId ? await catalog.ProductAsync(productId) : null;
        return (order?.Number, product?.Title, product?.Slug);
    }
}

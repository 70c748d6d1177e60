using System.ComponentModel.DataAnnotations;
using Shop.Web.Modules.Support.Conversations;
using Shop.Web.Modules.Support.Data;

namespace Shop.Web.Modules.Support.SellerMessages.Threads;

/// <summary>
/// A customer's message to a seller: about one of their orders (naming one of its sellers) or about a
/// product (its seller is the one asked). Writing again about the same order or product continues the thread.
/// </summary>
public sealed class AskSellerRequest
{
    public Guid? OrderId { get; set; }

    /// <summary>Required with an order (an order may have several sellers); with a product it is the product's seller.</summary>
    public Guid? SellerId { get; set; }

    public Guid? ProductId { get; set; }

    [Required(ErrorMessage = "Write your message.")]
    [StringLength(ContactRequest.MaxMessageLength, MinimumLength = 2, ErrorMessage = "Use 2 to 4,000 characters for your message.")]
    public string Message { get; set; } = "";
}

/// <summary>A reply from the seller's side, or an admin's words in a thread (a note stays among staff).</summary>
public sealed class ThreadReplyRequest
{
    [Required(ErrorMessage = "Write your reply.")]
    [StringLength(ContactRequest.MaxMessageLength, MinimumLength = 1, ErrorMessage = "Use at most 4,000 characters for your reply.")]
    public string Body { get; set; } = "";

    /// <summary>Admins only: an internal note instead of a reply both sides see.</summary>
    public bool Note { get; set; }
}

/// <summary>Where the customer's message went: the thread (new or continued) and the stored message.</summary>
public sealed record StartedThread(Guid Id, long MessageId, bool Continued, string SellerName);

/// <summary>A message as a thread page shows it, with its author's name and side (so an admin's words never pass for the seller's).</summary>
public sealed record ThreadMessage(long Id, AuthorKind Author, string AuthorName, string Body, DateTimeOffset CreatedAt)
{
    public MessageSide Side => Author.Side();
}

/// <summary>A buyer-seller thread: who, about what, and its messages (notes only in the admins' view).</summary>
public sealed record SellerThreadView(Guid Id, Topic Topic, ConversationStatus Status, Guid SellerId, string SellerName, string CustomerName,
    Guid? OrderId, string? OrderNumber, Guid? ProductId, string? ProductTitle, string? ProductSlug,
    IReadOnlyList<ThreadMessage> Messages, long CustomerReadUpTo, long ReaderReadUpTo, DateTimeOffset CreatedAt, DateTimeOffset LastMessageAt);

/// <summary>A thread in a list: the other side, what it is about, the latest words and how many the reader has not read.</summary>
public sealed record SellerThreadSummary(Guid Id, Guid SellerId, string SellerName, string CustomerName, string About, string Excerpt,
    int Unread, bool Unanswered, int OpenReports, DateTimeOffset LastMessageAt);

/// <summary>What the "message the seller" form shows before sending: to whom, about what, and the thread it continues.</summary>
public sealed record AskPreview(string SellerName, string About, Guid? ExistingThreadId);

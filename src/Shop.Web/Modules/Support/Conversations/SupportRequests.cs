using System.ComponentModel.DataAnnotations;
using Shop.Web.Modules.Support.Data;

namespace Shop.Web.Modules.Support.Conversations;

/// <summary>A question from the contact form or an app. Guests give their name and email; signed-in customers may name one of their orders.</summary>
public sealed class ContactRequest
{
    public const int MaxMessageLength = 4000;

    [Required(ErrorMessage = "Choose what your question is about.")]
    public Topic? Topic { get; set; }

    [Required(ErrorMessage = "Write your message.")]
    [StringLength(MaxMessageLength, MinimumLength = 10, ErrorMessage = "Use 10 to 4,000 characters for your message.")]
    public string Message { get; set; } = "";

    public Guid? OrderId { get; set; }

    [StringLength(100, ErrorMessage = "Use at most 100 characters for your name.")]
    public string? Name { get; set; }

    // Required and checked only for guests (SupportDesk), so a form's empty field for it is no error for a customer.
    [StringLength(256, ErrorMessage = "Use at most 256 characters for your email address.")]
    public string? Email { get; set; }
}

/// <summary>A customer's reply in their conversation.</summary>
public sealed class ReplyRequest
{
    [Required(ErrorMessage = "Write your reply.")]
    [StringLength(ContactRequest.MaxMessageLength, MinimumLength = 1, ErrorMessage = "Use at most 4,000 characters for your reply.")]
    public string Body { get; set; } = "";
}

/// <summary>Who is looking at a conversation: a signed-in user, and/or the signed link of a guest's email.</summary>
public sealed record SupportViewer(Guid? UserId, string? AccessToken);

/// <summary>A conversation in the customer's list: its state and how many replies they have not read.</summary>
public sealed record ConversationSummary(Guid Id, Channel Channel, Topic Topic, ConversationStatus Status, string Excerpt, int Unread,
    DateTimeOffset CreatedAt, DateTimeOffset LastMessageAt);

/// <summary>A message as the customer's side sees it (support's notes are never among them).</summary>
public sealed record MessageView(long Id, AuthorKind Author, string Body, DateTimeOffset CreatedAt)
{
    /// <summary>Who wrote it: the customer, the seller (in a thread with one), or the shop's staff.</summary>
    public MessageSide Side => Author.Side();

    /// <summary>Pictures and PDFs sent with the message; each url downloads it for whoever may see the conversation.</summary>
    public IReadOnlyList<Attachments.AttachmentView> Attachments { get; init; } = [];
}

/// <summary>
/// A conversation as its customer sees it. <paramref name="AccessToken"/> is given to a guest who starts one:
/// it opens the conversation (<c>?access=</c>), as the link in the confirmation email does.
/// <paramref name="SupportReadUpTo"/> is the last message support has read (read receipts).
/// </summary>
public sealed record ConversationView(Guid Id, Channel Channel, Topic Topic, ConversationStatus Status, Guid? OrderId, string? OrderNumber,
    IReadOnlyList<MessageView> Messages, long CustomerReadUpTo, long SupportReadUpTo, DateTimeOffset CreatedAt, string? AccessToken = null)
{
    /// <summary>The call-back the conversation asks for, when it came through "call me back".</summary>
    public Callbacks.CallbackDetailsView? Callback { get; init; }
}

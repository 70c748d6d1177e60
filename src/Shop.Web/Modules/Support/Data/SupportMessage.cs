namespace Shop.Web.Modules.Support.Data;

/// <summary>Who wrote a message. Notes are support's own and never shown to the customer; system messages record events.</summary>
public enum AuthorKind
{
    Customer,
    Agent,
    Seller,
    Note,
    System,
}

/// <summary>Which side of a conversation a message comes from: the customer, the seller, or the shop's staff (support, admins, their notes and events).</summary>
public enum MessageSide
{
    Customer,
    Seller,
    Staff,
}

public static class AuthorKinds
{
    public static MessageSide Side(this AuthorKind author) => author switch
    {
        AuthorKind.Customer => MessageSide.Customer,
        AuthorKind.Seller => MessageSide.Seller,
        _ => MessageSide.Staff,
    };

    /// <summary>The side as a reader sees it beside a name.</summary>
    public static string Label(this MessageSide side) => side switch
    {
        MessageSide.Customer => "Customer",
        MessageSide.Seller => "Seller",
        _ => "Shop staff",
    };
}

/// <summary>
/// One message of a conversation. Its id is a bigint from the database that only grows, so "everything
/// after id N" is a client's catch-up and "read up to N" a participant's read position.
/// </summary>
public sealed class SupportMessage
{
    private SupportMessage()
    {
    }

    internal SupportMessage(Guid conversationId, AuthorKind authorKind, Guid? authorId, string body, DateTimeOffset createdAt) =>
        (ConversationId, AuthorKind, AuthorId, Body, CreatedAt) = (conversationId, authorKind, authorId, body, createdAt);

    public long Id { get; private set; }
    public Guid ConversationId { get; private set; }
    public AuthorKind AuthorKind { get; private set; }
    public Guid? AuthorId { get; private set; }
    public string Body { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The id the database gave the message when it was inserted in bulk (the chat's group commit).</summary>
    internal void StoredAs(long id) => Id = id;

    /// <summary>What the customer's side of a conversation may see: everything but support's notes.</summary>
    public bool ShownToCustomer => AuthorKind != AuthorKind.Note;
}

/// <summary>How far one participant has read a conversation; it only moves forward.</summary>
public sealed class ReadPosition
{
    /// <summary>The customer's side (an account or a guest); staff read under their user id.</summary>
    public const string CustomerSide = "customer";

    public Guid ConversationId { get; set; }
    public string ParticipantKey { get; set; } = "";
    public long LastReadMessageId { get; set; }
}

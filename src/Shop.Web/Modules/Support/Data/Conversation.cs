namespace Shop.Web.Modules.Support.Data;

/// <summary>The door a conversation came through.</summary>
public enum Channel
{
    LiveChat,
    ContactForm,
    Callback,
    OrderThread,
}

/// <summary>Open: support's turn. Pending: waiting on the customer. Snoozed: set aside until a time. Resolved: done until the customer writes again.</summary>
public enum ConversationStatus
{
    Open,
    Pending,
    Snoozed,
    Resolved,
}

public enum Priority
{
    Low,
    Normal,
    High,
    Urgent,
}

/// <summary>What the customer asks about, as the contact form offers it.</summary>
public enum Topic
{
    Order,
    Returns,
    Payment,
    Product,
    Account,
    Other,
}

/// <summary>
/// Everything one customer (an account, or a guest known by name and email) asks about one matter, whichever
/// door it came through. It owns its status: who wrote last decides whose turn it is.
/// </summary>
public sealed class Conversation
{
    private Conversation()
    {
    }

    public Guid Id { get; private set; }
    public Channel Channel { get; private set; }
    public ConversationStatus Status { get; private set; }
    public Priority Priority { get; private set; }
    public DateTimeOffset? SnoozedUntil { get; private set; }
    public Guid? AssigneeId { get; private set; }
    public Guid? CustomerId { get; private set; }
    public string? GuestName { get; private set; }
    public string? GuestEmail { get; private set; }
    public Topic Topic { get; private set; }
    public Guid? OrderId { get; private set; }
    public Guid? ProductId { get; private set; }
    public Guid? SellerId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public DateTimeOffset LastMessageAt { get; private set; }

    /// <summary>A new conversation with the customer's first words; a signed-in customer is an account, anyone else a guest.</summary>
    public static (Conversation Conversation, SupportMessage First) Start(Channel channel, Topic topic, SupportCustomer customer, Guid? orderId, string body, DateTimeOffset now)
    {
        var conversation = new Conversation
        {
            Id = Guid.CreateVersion7(now),
            Channel = channel,
            Status = ConversationStatus.Open,
            Priority = Priority.Normal,
            CustomerId = customer.UserId,
            GuestName = customer.UserId is null ? customer.Name : null,
            GuestEmail = customer.UserId is null ? customer.Email : null,
            Topic = topic,
            OrderId = orderId,
            CreatedAt = now,
        };
        return (conversation, conversation.Post(AuthorKind.Customer, customer.UserId, body, now));
    }

    /// <summary>
    /// Adds a message and moves the conversation on: a customer's words make it support's turn again
    /// (reopening it if it was resolved, pending or snoozed); a reply from support or the seller waits on
    /// the customer; notes and system events change nothing.
    /// </summary>
    public SupportMessage Post(AuthorKind author, Guid? authorId, string body, DateTimeOffset now)
    {
        switch (author)
        {
            case AuthorKind.Customer:
                (Status, SnoozedUntil) = (ConversationStatus.Open, null);
                break;
            case AuthorKind.Agent or AuthorKind.Seller:
                (Status, SnoozedUntil) = (ConversationStatus.Pending, null);
                break;
        }
        (UpdatedAt, LastMessageAt) = (now, now);
        return new SupportMessage(Id, author, authorId, body.Trim(), now);
    }

    /// <summary>Support is done; the customer's next message reopens it.</summary>
    public SupportMessage Resolve(Guid agentId, DateTimeOffset now)
    {
        (Status, SnoozedUntil, UpdatedAt) = (ConversationStatus.Resolved, null, now);
        return new SupportMessage(Id, AuthorKind.System, agentId, "Resolved", now);
    }

    /// <summary>Makes a new conversation an order thread with a seller, about one of the customer's orders or one of the seller's products.</summary>
    public void WithSeller(Guid sellerId, Guid? productId) => (SellerId, ProductId) = (sellerId, productId);

    public bool BelongsTo(Guid? userId) => userId is not null && CustomerId == userId;
}

/// <summary>Who is asking: an account (UserId set) or a guest with a name and email.</summary>
public sealed record SupportCustomer(Guid? UserId, string Name, string Email);

using Shop.Web.Platform.Errors;
using Shop.Web.Platform.Localization;

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

    /// <summary>The storefront page the customer was last on while chatting (agents see it).</summary>
    public string? CustomerPage { get; private set; }

    /// <summary>The culture the customer started it in (a guest's emails speak it); null for conversations older than it.</summary>
    public string? Language { get; private set; }

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
            Language = ShopLanguages.Current.Culture,
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

    // The agents' console: who works on it, how urgent it is, when it comes back. Each change leaves a system message.

    /// <summary>An agent (support or admin) takes the conversation, or it is transferred to one; never to anyone else.</summary>
    public SupportMessage AssignTo(AssigneeCandidate agent, Guid byId, DateTimeOffset now, bool transfer)
    {
        if (!agent.IsAgent)
            throw new RuleViolationException("support.not_an_agent", $"{agent.Name} is not a support agent; conversations go only to support staff.");
        if (AssigneeId == agent.Id)
            throw new ConflictException("support.already_assigned", $"The conversation is already with {agent.Name}.");
        (AssigneeId, UpdatedAt) = (agent.Id, now);
        return new SupportMessage(Id, AuthorKind.System, byId, transfer ? $"Transferred to {agent.Name}" : $"Taken by {agent.Name}", now);
    }

    public SupportMessage ChangePriority(Priority priority, Guid byId, DateTimeOffset now)
    {
        if (priority == Priority)
            throw new ConflictException("support.same_priority", $"The priority is already {priority.ToString().ToLowerInvariant()}.");
        (Priority, UpdatedAt) = (priority, now);
        return new SupportMessage(Id, AuthorKind.System, byId, $"Priority set to {priority.ToString().ToLowerInvariant()}", now);
    }

    /// <summary>Sets the conversation aside until a time in the future; a customer's message or the time coming wakes it.</summary>
    public SupportMessage Snooze(DateTimeOffset until, Guid byId, DateTimeOffset now)
    {
        if (until <= now)
            throw new RuleViolationException("support.snooze_in_past", "Snooze until a time in the future.");
        if (Status == ConversationStatus.Resolved)
            throw new ConflictException("support.snooze_resolved", "A resolved conversation cannot be snoozed; reopen it first.");
        (Status, SnoozedUntil, UpdatedAt) = (ConversationStatus.Snoozed, until, now);
        return new SupportMessage(Id, AuthorKind.System, byId, $"Snoozed until {until:yyyy-MM-dd HH:mm} UTC", now);
    }

    /// <summary>A snoozed conversation whose time has come is support's turn again; null when it is not due.</summary>
    public SupportMessage? WakeIfDue(DateTimeOffset now)
    {
        if (Status != ConversationStatus.Snoozed || SnoozedUntil > now)
            return null;
        (Status, SnoozedUntil, UpdatedAt) = (ConversationStatus.Open, null, now);
        return new SupportMessage(Id, AuthorKind.System, null, "Snooze ended", now);
    }

    public SupportMessage Reopen(Guid byId, DateTimeOffset now)
    {
        if (Status == ConversationStatus.Open)
            throw new ConflictException("support.already_open", "The conversation is already open.");
        (Status, SnoozedUntil, UpdatedAt) = (ConversationStatus.Open, null, now);
        return new SupportMessage(Id, AuthorKind.System, byId, "Reopened", now);
    }

    /// <summary>Records the page the customer is on (a path on this shop, cut to 500 characters); false when it did not change.</summary>
    public bool ShowPage(string? path)
    {
        var page = string.IsNullOrWhiteSpace(path) || !path.StartsWith('/') || path.StartsWith("//") ? null : path.Trim()[..Math.Min(path.Trim().Length, 500)];
        if (page is null || page == CustomerPage)
            return false;
        CustomerPage = page;
        return true;
    }

    /// <summary>Gives an unassigned conversation to an agent, with the system message the customer sees.</summary>
    public SupportMessage AssignTo(Guid agentId, string agentName, DateTimeOffset now)
    {
        if (AssigneeId is not null)
            throw new InvalidOperationException("The conversation is already assigned.");
        (AssigneeId, UpdatedAt) = (agentId, now);
        return new SupportMessage(Id, AuthorKind.System, agentId, $"Assigned to {agentName}", now);
    }
    /// <summary>Makes a new conversation an order thread with a seller, about one of the customer's orders or one of the seller's products.</summary>
    public void WithSeller(Guid sellerId, Guid? productId) => (SellerId, ProductId) = (sellerId, productId);

    public bool BelongsTo(Guid? userId) => userId is not null && CustomerId == userId;
}

/// <summary>Who is asking: an account (UserId set) or a guest with a name and email.</summary>
public sealed record SupportCustomer(Guid? UserId, string Name, string Email);

/// <summary>A user support may hand a conversation to: only support and admin users are agents.</summary>
public sealed record AssigneeCandidate(Guid Id, string Name, bool IsAgent);

using System.ComponentModel.DataAnnotations;
using Shop.Web.Modules.Support.Data;

namespace Shop.Web.Modules.Support.Console.Desk;

/// <summary>The customer as agents see them: an account (with its id) or a guest.</summary>
public sealed record AgentCustomerView(Guid? UserId, string Name, string Email, bool Guest);

/// <summary>A message as agents see it: every kind, notes included, with who wrote it.</summary>
public sealed record AgentMessageView(long Id, AuthorKind Author, string AuthorName, string Body, DateTimeOffset CreatedAt);

public sealed record AgentOrderView(Guid Id, string Number, DateTimeOffset PlacedAt);

public sealed record AgentCartLineView(Guid VariantId, Guid? ProductId, string Title, string? Variant, int Quantity, decimal UnitPrice);

public sealed record AgentRatingView(int Score, string? Comment, DateTimeOffset RatedAt);

/// <summary>
/// A conversation in the console: its state, the customer, every message (notes and events included),
/// when a response is due, and beside it the customer's recent orders and current cart.
/// <paramref name="CustomerPage"/> is the page a live-chat customer is on, when known.
/// </summary>
public sealed record AgentConversationView(
    Guid Id, Channel Channel, Topic Topic, ConversationStatus Status, Priority Priority, DateTimeOffset? SnoozedUntil,
    Guid? AssigneeId, string? AssigneeName, AgentCustomerView Customer,
    Guid? OrderId, string? OrderNumber, Guid? ProductId, Guid? SellerId, string? CustomerPage,
    IReadOnlyList<AgentMessageView> Messages, long CustomerReadUpTo,
    DateTimeOffset? WaitingSince, DateTimeOffset? ResponseDueAt, bool Breached,
    IReadOnlyList<AgentOrderView> Orders, IReadOnlyList<AgentCartLineView> Cart, AgentRatingView? Rating,
    DateTimeOffset CreatedAt)
{
    /// <summary>The call-back the conversation asks for, when it came through "call me back".</summary>
    public Callbacks.CallbackDetailsView? Callback { get; init; }
}

/// <summary>An agent's reply or note. A reply that starts with a canned reply's shortcut ("/returns") is sent as its text.</summary>
public sealed class AgentMessageRequest
{
    [Required(ErrorMessage = "Write a message.")]
    [StringLength(4000, MinimumLength = 1, ErrorMessage = "Use at most 4,000 characters.")]
    public string Body { get; set; } = "";
}

/// <summary>Hand the conversation to another agent (a support or admin user).</summary>
public sealed class TransferRequest
{
    [Required(ErrorMessage = "Choose an agent.")]
    public Guid? AgentId { get; set; }
}

public sealed class PriorityRequest
{
    [Required(ErrorMessage = "Choose a priority.")]
    public Priority? Priority { get; set; }
}

/// <summary>Set the conversation aside until a time in the future.</summary>
public sealed class SnoozeRequest
{
    [Required(ErrorMessage = "Choose when it should come back.")]
    public DateTimeOffset? Until { get; set; }
}

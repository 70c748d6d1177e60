using System.ComponentModel.DataAnnotations;
using Shop.Web.Modules.Support.Data;

namespace Shop.Web.Modules.Support.Callbacks;

/// <summary>"Call me back": a phone number with its country code, one of the offered slots, a topic and an optional note. Guests add their name and email.</summary>
public sealed class CallbackRequest
{
    [Required(ErrorMessage = "Enter the phone number we should call.")]
    [StringLength(32, ErrorMessage = "Enter a phone number like +91 98765 43210.")]
    public string Phone { get; set; } = "";

    /// <summary>The start of one of the slots from <c>GET /api/v1/support/callbacks/slots</c>.</summary>
    [Required(ErrorMessage = "Choose when we should call.")]
    public DateTimeOffset? SlotStart { get; set; }

    [Required(ErrorMessage = "Choose what the call is about.")]
    public Topic? Topic { get; set; }

    [StringLength(1000, ErrorMessage = "Use at most 1,000 characters for your note.")]
    public string? Note { get; set; }

    [StringLength(100, ErrorMessage = "Use at most 100 characters for your name.")]
    public string? Name { get; set; }

    [StringLength(256, ErrorMessage = "Use at most 256 characters for your email address.")]
    public string? Email { get; set; }
}

/// <summary>An agent's record of a call: what happened, a new slot when it moved, and notes only support sees.</summary>
public sealed class CallbackOutcomeRequest
{
    [Required(ErrorMessage = "Choose what happened.")]
    public CallbackOutcome? Outcome { get; set; }

    /// <summary>Required when rescheduling: the start of one of the offered slots.</summary>
    public DateTimeOffset? NewSlotStart { get; set; }

    [StringLength(2000, ErrorMessage = "Use at most 2,000 characters for your notes.")]
    public string? Notes { get; set; }
}

/// <summary>The slots a customer may choose from, in the shop's time zone.</summary>
public sealed record CallbackSlotsView(string TimeZone, int SlotMinutes, IReadOnlyList<CallbackSlot> Slots);

/// <summary>A booked call-back as its customer sees it; a guest gets the accessToken that opens the conversation.</summary>
public sealed record CallbackView(Guid ConversationId, string Phone, DateTimeOffset SlotStart, string SlotLabel, string? AccessToken = null);

/// <summary>The call-back a conversation asks for: the number, the slot and what came of the call so far.</summary>
public sealed record CallbackDetailsView(string Phone, DateTimeOffset SlotStart, string SlotLabel, CallbackOutcome? Outcome);

/// <summary>A call-back in the agents' list: who, which number, when, about what, and what came of it so far.</summary>
public sealed record CallbackAgentView(Guid ConversationId, string CustomerName, string CustomerEmail, bool Guest, string Phone, DateTimeOffset SlotStart,
    string SlotLabel, Topic Topic, string Request, CallbackOutcome? Outcome, ConversationStatus Status);

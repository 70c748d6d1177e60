using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Shop.Web.Modules.Support.Data;

namespace Shop.Web.Modules.Support.Callbacks;

/// <summary>What came of a call-back: the customer was reached, did not answer, or it moved to a new slot.</summary>
public enum CallbackOutcome
{
    Reached,
    NoAnswer,
    Rescheduled,
}

public static class CallbackOutcomeLabels
{
    /// <summary>How support reads a call-back's state: to call (nothing recorded yet), or its last outcome.</summary>
    public static string Label(this CallbackOutcome? outcome) => outcome switch
    {
        CallbackOutcome.Reached => "Reached",
        CallbackOutcome.NoAnswer => "No answer",
        CallbackOutcome.Rescheduled => "Rescheduled",
        _ => "To call",
    };
}

/// <summary>
/// The call-back side of a conversation of channel Callback: the number to ring and the slot. It owns
/// its outcome: a reschedule moves the slot (and owes the customer a new reminder); a reached or
/// unanswered call is done.
/// </summary>
public sealed class Callback
{
    private Callback()
    {
    }

    public Guid ConversationId { get; private set; }
    public string Phone { get; private set; } = "";
    public DateTimeOffset SlotStart { get; private set; }
    public CallbackOutcome? Outcome { get; private set; }
    public DateTimeOffset? RemindedAt { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Whether someone still has to ring: nothing recorded yet, or moved to a new slot.</summary>
    public bool Due => Outcome is null or CallbackOutcome.Rescheduled;

    public static Callback For(Conversation conversation, string phone, DateTimeOffset slotStart, DateTimeOffset now) => new()
    {
        ConversationId = conversation.Id,
        Phone = phone,
        SlotStart = slotStart,
        CreatedAt = now,
        UpdatedAt = now,
    };

    /// <summary>
    /// Records what happened as a system message the customer sees, and the agent's notes as an internal note.
    /// A reschedule needs the new slot (already checked against business hours by the caller).
    /// </summary>
    public IReadOnlyList<SupportMessage> Record(Conversation conversation, CallbackOutcome outcome, DateTimeOffset? newSlot, string slotText, string? notes,
        Guid agentId, DateTimeOffset now)
    {
        if (conversation.Id != ConversationId)
            throw new ArgumentException("Not this call-back's conversation.", nameof(conversation));
        if (outcome == CallbackOutcome.Rescheduled)
        {
            SlotStart = newSlot ?? throw new ArgumentNullException(nameof(newSlot), "A reschedule needs a new slot.");
            RemindedAt = null;
        }
        (Outcome, UpdatedAt) = (outcome, now);
        var text = outcome switch
        {
            CallbackOutcome.Reached => "Call-back: we spoke on the phone",
            CallbackOutcome.NoAnswer => "Call-back: we rang but nobody answered",
            _ => $"Call-back moved to {slotText}",
        };
        var messages = new List<SupportMessage> { conversation.Post(AuthorKind.System, agentId, text, now) };
        if (!string.IsNullOrWhiteSpace(notes))
            messages.Add(conversation.Post(AuthorKind.Note, agentId, notes, now));
        return messages;
    }
}

internal sealed class CallbackConfiguration : IEntityTypeConfiguration<Callback>
{
    public void Configure(EntityTypeBuilder<Callback> builder)
    {
        builder.ToTable("callbacks", "support");
        builder.HasKey(c => c.ConversationId);
        builder.Property(c => c.ConversationId).ValueGeneratedNever();
        builder.Property(c => c.Phone).HasMaxLength(20);
        builder.Property(c => c.Outcome).HasMaxLength(16)
            .HasConversion(new ValueConverter<CallbackOutcome, string>(v => v.ToString().ToLowerInvariant(), s => Enum.Parse<CallbackOutcome>(s, true)));
        builder.Ignore(c => c.Due);
        builder.HasOne<Conversation>().WithOne().HasForeignKey<Callback>(c => c.ConversationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => c.SlotStart);
        builder.HasIndex(c => c.SlotStart, "ix_callbacks_due_reminders").HasFilter("reminded_at IS NULL");
    }
}

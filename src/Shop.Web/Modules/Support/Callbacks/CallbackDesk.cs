using System.ComponentModel.DataAnnotations;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Modules.Notifications.Contracts;
using Shop.Web.Modules.Support.Contracts;
using Shop.Web.Modules.Support.Conversations;
using Shop.Web.Modules.Support.Data;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Errors;
using Shop.Web.Platform.Localization;
using Shop.Web.Platform.Outbox;

namespace Shop.Web.Modules.Support.Callbacks;

/// <summary>
/// Call-backs: customers book a slot within business hours (each slot takes a configured number of calls);
/// support lists them by slot and records what came of each call.
/// </summary>
public sealed class CallbackDesk(ShopDbContext db, IOutbox outbox, ICustomerDirectory customers, ConversationAccess access, CallbackSchedule schedule,
    CallbackMessages emails, IOptions<CallbackOptions> options, TimeProvider clock, IStringLocalizer<Strings> texts)
{
    public async Task<CallbackSlotsView> SlotsAsync(CancellationToken cancellationToken = default)
    {
        var upcoming = schedule.Upcoming();
        var taken = await TakenAsync(upcoming.Select(s => s.Start).ToList(), cancellationToken);
        return new CallbackSlotsView(schedule.ZoneName, (int)schedule.SlotLength.TotalMinutes, upcoming
            .Select(s => new CallbackSlot(s.Start, s.End, schedule.Describe(s.Start, ShopLanguages.Current), taken.GetValueOrDefault(s.Start) < options.Value.CallsPerSlot)).ToList());
    }

    public async Task<CallbackView> RequestAsync(Guid? userId, CallbackRequest request, CancellationToken cancellationToken = default)
    {
        var errors = new Dictionary<string, string[]>();
        var phone = PhoneNumber.Normalize(request.Phone, out var phoneError);
        if (phoneError is not null)
            errors[nameof(CallbackRequest.Phone)] = [phoneError];
        var slot = request.SlotStart?.ToUniversalTime();
        if (slot is null)
            errors[nameof(CallbackRequest.SlotStart)] = ["Choose when we should call."];
        else if (schedule.Refusal(slot.Value) is { } refusal)
            errors[nameof(CallbackRequest.SlotStart)] = [refusal];
        if (request.Topic is null)
            errors[nameof(CallbackRequest.Topic)] = ["Choose what the call is about."];
        var customer = await CustomerAsync(userId, request, errors);
        if (errors.Count > 0)
            throw new InputValidationException(errors);

        // One booking per slot at a time (across instances), so a slot never takes more calls than it has room for.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended('support.callback-slot', {slot!.Value.UtcTicks}))", cancellationToken);
        if ((await TakenAsync([slot.Value], cancellationToken)).GetValueOrDefault(slot.Value) >= options.Value.CallsPerSlot)
            throw new InputValidationException(nameof(CallbackRequest.SlotStart), "That time was just taken. Choose another one.");
        var now = clock.GetUtcNow();
        var body = string.IsNullOrWhiteSpace(request.Note) ? texts["Please call me back about: {0}.", texts[request.Topic!.Value.Label()]] : request.Note.Trim();
        var (conversation, first) = Conversation.Start(Channel.Callback, request.Topic!.Value, customer!, null, body, now);
        var callback = Callback.For(conversation, phone!, slot.Value, now);
        db.AddRange(conversation, first, callback);
        outbox.Add(new ConversationStarted(conversation.Id));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new CallbackView(conversation.Id, callback.Phone, callback.SlotStart, schedule.Describe(callback.SlotStart, ShopLanguages.Current),
            userId is null ? access.TokenFor(conversation.Id) : null);
    }

    /// <summary>The call-back of a conversation the caller may already see (its number, slot and outcome); null for other channels.</summary>
    public async Task<CallbackDetailsView?> OfConversationAsync(Guid conversationId, CancellationToken cancellationToken = default) =>
        await db.Set<Callback>().AsNoTracking().SingleOrDefaultAsync(c => c.ConversationId == conversationId, cancellationToken) is { } callback
            ? new CallbackDetailsView(callback.Phone, callback.SlotStart, schedule.Describe(callback.SlotStart, ShopLanguages.Current), callback.Outcome) : null;

    /// <summary>Call-backs still to make, and those of the last two days, by slot.</summary>
    public async Task<IReadOnlyList<CallbackAgentView>> ListAsync(CancellationToken cancellationToken = default)
    {
        var since = clock.GetUtcNow().AddDays(-2);
        var rows = await (from callback in db.Set<Callback>().AsNoTracking()
                          join conversation in db.Set<Conversation>().AsNoTracking() on callback.ConversationId equals conversation.Id
                          where callback.SlotStart >= since || callback.Outcome == null || callback.Outcome == CallbackOutcome.Rescheduled
                          orderby callback.SlotStart, callback.ConversationId
                          select new
                          {
                              callback,
                              conversation,
                              Request = db.Set<SupportMessage>().Where(m => m.ConversationId == conversation.Id && m.AuthorKind == AuthorKind.Customer)
                                  .OrderBy(m => m.Id).Select(m => m.Body).FirstOrDefault() ?? "",
                          }).Take(200).ToListAsync(cancellationToken);
        var views = new List<CallbackAgentView>(rows.Count);
        foreach (var row in rows)
        {
            var (name, email) = (row.conversation.GuestName ?? "", row.conversation.GuestEmail ?? "");
            if (row.conversation.CustomerId is { } customerId && await customers.FindAsync(customerId) is { } account)
                (name, email) = (account.Name, account.Email);
            views.Add(new CallbackAgentView(row.conversation.Id, name, email, row.conversation.CustomerId is null, row.callback.Phone, row.callback.SlotStart,
                schedule.Describe(row.callback.SlotStart), row.conversation.Topic, row.Request, row.callback.Outcome, row.conversation.Status));
        }
        return views;
    }

    /// <summary>Records a call's outcome in the conversation (notes as an internal note); null when there is no such call-back.</summary>
    public async Task<CallbackAgentView?> RecordAsync(Guid conversationId, Guid agentId, CallbackOutcomeRequest request, CancellationToken cancellationToken = default)
    {
        var callback = await db.Set<Callback>().SingleOrDefaultAsync(c => c.ConversationId == conversationId, cancellationToken);
        if (callback is null)
            return null;
        if (request.Outcome is not { } outcome)
            throw new InputValidationException(nameof(CallbackOutcomeRequest.Outcome), "Choose what happened.");
        DateTimeOffset? newSlot = null;
        if (outcome == CallbackOutcome.Rescheduled)
        {
            newSlot = request.NewSlotStart?.ToUniversalTime()
                ?? throw new InputValidationException(nameof(CallbackOutcomeRequest.NewSlotStart), "Choose the new time for the call.");
            if (schedule.Refusal(newSlot.Value) is { } refusal)
                throw new InputValidationException(nameof(CallbackOutcomeRequest.NewSlotStart), refusal);
        }
        var conversation = await db.Set<Conversation>().SingleAsync(c => c.Id == conversationId, cancellationToken);
        var messages = callback.Record(conversation, outcome, newSlot, newSlot is null ? "" : schedule.Describe(newSlot.Value), request.Notes?.Trim(),
            agentId, clock.GetUtcNow());
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.AddRange(messages);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var message in messages.Where(m => m.ShownToCustomer))
            outbox.Add(new SupportMessagePosted(conversationId, message.Id));
        // A call moved to another slot is confirmed anew, and its reminder follows the new slot.
        if (newSlot is not null)
            await emails.SendAsync(conversationId, NotificationKind.SupportCallbackBooked, "booked", cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (await ListAsync(cancellationToken)).FirstOrDefault(c => c.ConversationId == conversationId);
    }

    /// <summary>How many live call-backs each slot already holds.</summary>
    private async Task<Dictionary<DateTimeOffset, int>> TakenAsync(List<DateTimeOffset> starts, CancellationToken cancellationToken) =>
        (await db.Set<Callback>().AsNoTracking()
            .Where(c => starts.Contains(c.SlotStart) && (c.Outcome == null || c.Outcome == CallbackOutcome.Rescheduled))
            .GroupBy(c => c.SlotStart).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken))
        .ToDictionary(g => g.Key, g => g.Count);

    private async Task<SupportCustomer?> CustomerAsync(Guid? userId, CallbackRequest request, Dictionary<string, string[]> errors)
    {
        if (userId is { } id)
            return await customers.FindAsync(id) is { } account
                ? new SupportCustomer(id, account.Name, account.Email)
                : throw new InvalidOperationException("The signed-in user has no account.");
        if (string.IsNullOrWhiteSpace(request.Name))
            errors[nameof(CallbackRequest.Name)] = ["Tell us your name."];
        if (string.IsNullOrWhiteSpace(request.Email))
            errors[nameof(CallbackRequest.Email)] = ["Enter your email address, so we can confirm the call."];
        else if (!new EmailAddressAttribute().IsValid(request.Email.Trim()))
            errors[nameof(CallbackRequest.Email)] = ["Enter an email address like name@example.com."];
        return errors.ContainsKey(nameof(CallbackRequest.Name)) || errors.ContainsKey(nameof(CallbackRequest.Email))
            ? null : new SupportCustomer(null, request.Name!.Trim(), request.Email!.Trim());
    }
}

/// <summary>Phone numbers as support dials them: E.164, a plus, the country code and 8 to 15 digits in all.</summary>
public static class PhoneNumber
{
    public static string? Normalize(string? input, out string? error)
    {
        error = null;
        var text = (input ?? "").Trim();
        if (text.Length == 0)
        {
            error = "Enter the phone number we should call.";
            return null;
        }
        var digits = new StringBuilder("+");
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '+' && i == 0)
                continue;
            if (char.IsAsciiDigit(c))
                digits.Append(c);
            else if (c is not (' ' or '-' or '.' or '(' or ')'))
            {
                error = "Use only digits, spaces and dashes, like +91 98765 43210.";
                return null;
            }
        }
        if (!text.StartsWith('+'))
            error = "Start with + and your country code, like +91 98765 43210.";
        else if (digits.Length - 1 is < 8 or > 15)
            error = "A phone number with its country code has 8 to 15 digits, like +91 98765 43210.";
        else if (digits[1] == '0')
            error = "A country code does not start with 0; write it like +91 98765 43210.";
        return error is null ? digits.ToString() : null;
    }
}

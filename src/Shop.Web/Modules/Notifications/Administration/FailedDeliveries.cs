using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Shop.Web.Modules.Notifications.Data;
using Shop.Web.Modules.Notifications.Sending;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Outbox;

namespace Shop.Web.Modules.Notifications.Administration;

/// <param name="What">"Email" for a message, otherwise the event whose handling failed ("Order placed").</param>
public sealed record FailedDelivery(Guid Id, string What, string? Recipient, string? Subject, int Attempts, string? Reason, DateTimeOffset FailedAt);

/// <summary>
/// Work that failed its last try (an email the mail server kept refusing, an event a handler could not
/// process), for admins to read and send again once the cause is fixed.
/// </summary>
public sealed class FailedDeliveries(OutboxStore outbox, ShopDbContext db)
{
    private static readonly string EmailType = IntegrationEventNameAttribute.Of(typeof(EmailQueued));

    public async Task<IReadOnlyList<FailedDelivery>> ListAsync(CancellationToken cancellationToken = default)
    {
        var letters = await outbox.DeadLettersAsync(null, 200, cancellationToken);
        var emailIds = letters.Where(l => l.Type == EmailType).Select(EmailIdOf).ToList();
        var emails = await db.Set<OutgoingEmail>().AsNoTracking().Where(e => emailIds.Contains(e.Id))
            .ToDictionaryAsync(e => e.Id, cancellationToken);
        return letters.Select(l => l.Type == EmailType && emails.TryGetValue(EmailIdOf(l), out var email)
                ? new FailedDelivery(l.Id, "Email", email.Recipient, email.Subject, l.Attempts, l.LastError, l.DeadLetteredAt)
                : new FailedDelivery(l.Id, Describe(l.Type), null, null, l.Attempts, l.LastError, l.DeadLetteredAt))
            .ToList();
    }

    public Task<bool> RetryAsync(Guid id, CancellationToken cancellationToken = default) => outbox.RetryAsync(id, cancellationToken);

    private static Guid EmailIdOf(DeadLetter letter) =>
        JsonSerializer.Deserialize<EmailQueued>(letter.Payload, JsonSerializerOptions.Web)?.EmailId ?? Guid.Empty;

    /// <summary>"ordering.order-placed" → "Order placed".</summary>
    private static string Describe(string type)
    {
        var words = type[(type.LastIndexOf('.') + 1)..].Replace('-', ' ');
        return char.ToUpperInvariant(words[0]) + words[1..];
    }
}

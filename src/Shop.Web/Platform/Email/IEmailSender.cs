namespace Shop.Web.Platform.Email;

/// <param name="Id">Becomes the Message-ID, so a message sent twice (a crash between sending and recording it) is recognisably one.</param>
public sealed record EmailMessage(string To, string Subject, string TextBody, string? HtmlBody = null, Guid? Id = null);

/// <summary>Sends one message. Call it from outbox handlers, never inside a user's request.</summary>
public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}

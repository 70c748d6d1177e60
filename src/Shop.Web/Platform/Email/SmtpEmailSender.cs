using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Shop.Web.Platform.Email;

/// <summary>Builds each message with MimeKit and hands it to the SMTP server with MailKit, or writes it as an .eml file into the pickup folder.</summary>
public sealed class SmtpEmailSender(IOptions<EmailOptions> options, IHostEnvironment environment) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var mail = Build(message, settings);
        if (settings.Delivery == EmailDelivery.Pickup)
            await WriteToPickupAsync(mail, settings, cancellationToken);
        else
            await SendOverSmtpAsync(mail, settings, cancellationToken);
    }

    private static MimeMessage Build(EmailMessage message, EmailOptions settings)
    {
        var from = new MailboxAddress(settings.FromName, settings.FromAddress);
        var mail = new MimeMessage([from], [MailboxAddress.Parse(message.To)], message.Subject,
            new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody }.ToMessageBody());
        if (message.Id is { } id)
            mail.MessageId = $"{id:N}@{from.Domain}";
        return mail;
    }

    private async Task WriteToPickupAsync(MimeMessage mail, EmailOptions settings, CancellationToken cancellationToken)
    {
        var directory = Path.GetFullPath(settings.PickupDirectory, environment.ContentRootPath);
        Directory.CreateDirectory(directory);
        var name = Guid.NewGuid().ToString();
        var partial = Path.Combine(directory, name + ".tmp");
        await mail.WriteToAsync(partial, cancellationToken);
        // Moved into place whole, so whoever watches the folder never opens a message still being written.
        File.Move(partial, Path.Combine(directory, name + ".eml"));
    }

    private static async Task SendOverSmtpAsync(MimeMessage mail, EmailOptions settings, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient();
        // EnableSsl has always meant STARTTLS on the configured port; without it the connection stays plain, as before.
        await client.ConnectAsync(settings.Host, settings.Port, settings.EnableSsl ? SecureSocketOptions.StartTls : SecureSocketOptions.None, cancellationToken);
        if (!string.IsNullOrEmpty(settings.UserName))
            await client.AuthenticateAsync(settings.UserName, settings.Password ?? "", cancellationToken);
        await client.SendAsync(mail, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}

using Microsoft.Extensions.DependencyInjection;
using Shop.Testing;
using Shop.Web.Platform.Email;

namespace Shop.Tests.Platform;

public sealed class EmailTests(SmtpTestServer smtp) : IClassFixture<SmtpTestServer>
{
    private static readonly EmailMessage Welcome = new(
        "asha@example.in",
        "Welcome to Bazaar",
        "Namaste Asha, your account is ready.",
        "<p>Namaste <strong>Asha</strong>, your account is ready.</p>");

    [Fact]
    public async Task Smtp_delivery_reaches_a_real_smtp_server_with_text_and_html_parts()
    {
        await using var app = await new ShopAppFactory()
            .WithSettings(("Email:Delivery", "Smtp"), ("Email:Host", "127.0.0.1"), ("Email:Port", smtp.Port.ToString()))
            .StartAsync();

        await app.Services.GetRequiredService<IEmailSender>().SendAsync(Welcome, CancellationToken.None);

        var message = Assert.Single(await smtp.WaitForMessagesAsync(1));
        Assert.Contains("To: asha@example.in", message);
        Assert.Matches("From: \"?Bazaar\"? <no-reply@bazaar.local>", message);
        Assert.Contains("Subject: Welcome to Bazaar", message);
        Assert.Contains("multipart/alternative", message);
        Assert.Contains("Namaste Asha, your account is ready.", message);
        Assert.Contains("text/html", message);
    }

    [Fact]
    public async Task Pickup_delivery_writes_an_eml_file_for_local_development()
    {
        await using var app = await new ShopAppFactory().StartAsync();

        await app.Services.GetRequiredService<IEmailSender>().SendAsync(Welcome, CancellationToken.None);

        var file = Assert.Single(Directory.GetFiles(app.MailDirectory, "*.eml"));
        var text = await File.ReadAllTextAsync(file);
        Assert.Contains("Subject: Welcome to Bazaar", text);
        Assert.Contains("To: asha@example.in", text);
    }
}

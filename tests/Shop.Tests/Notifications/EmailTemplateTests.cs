using Microsoft.Extensions.DependencyInjection;
using Shop.Testing;
using Shop.Web.Modules.Notifications.Contracts;
using Shop.Web.Modules.Notifications.Templates;

namespace Shop.Tests.Notifications;

/// <summary>The template files as a shop owner edits them: every kind renders, values are encoded in HTML, edits apply at once.</summary>
public sealed class EmailTemplateTests
{
    private static string SourceTemplates([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "..", "src", "Shop.Web", "Templates", "Email"));

    [Fact]
    public async Task Every_kind_renders_its_sample_with_subject_summary_text_and_branded_html()
    {
        await using var app = await new ShopAppFactory().StartAsync();
        var templates = app.Services.GetRequiredService<EmailTemplates>();

        foreach (var kind in NotificationKinds.All)
        {
            var rendered = templates.Render(kind.Kind, kind.Sample, TemplatePreview.SampleRecipient);
            Assert.False(string.IsNullOrWhiteSpace(rendered.Subject), kind.Slug);
            Assert.DoesNotContain("{{", rendered.Text + rendered.Html);
            Assert.StartsWith("Bazaar", rendered.Text);
            Assert.Contains("<!DOCTYPE html>", rendered.Html);
            Assert.Contains(">Bazaar</a>", rendered.Html);
            Assert.True(File.Exists(Path.Combine(SourceTemplates(), kind.Slug + ".html")), kind.Slug);
        }
        var order = templates.Render(NotificationKind.OrderPlaced, NotificationKinds.Of(NotificationKind.OrderPlaced).Sample, TemplatePreview.SampleRecipient);
        Assert.Contains("₹3,201.30", order.Text);
        Assert.Contains("−₹344.70", order.Html);
    }

    [Fact]
    public async Task Customer_text_is_encoded_in_html_and_left_as_typed_in_plain_text()
    {
        await using var app = await new ShopAppFactory().StartAsync();
        var templates = app.Services.GetRequiredService<EmailTemplates>();
        var sample = (OrderModel)NotificationKinds.Of(NotificationKind.OrderPlaced).Sample;

        var rendered = templates.Render(NotificationKind.OrderPlaced, sample with { CustomerName = "<script>alert(1)</script> & Co" },
            new Recipient(null, "x@example.in", "<b>X</b>"));

        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co", rendered.Html);
        Assert.DoesNotContain("<script>", rendered.Html);
        Assert.Contains("Hello <script>alert(1)</script> & Co,", rendered.Text);
    }

    [Fact]
    public async Task An_edited_template_file_applies_to_the_next_message_and_a_broken_one_is_reported()
    {
        var copy = Directory.CreateTempSubdirectory("shop-templates-").FullName;
        try
        {
            foreach (var file in Directory.GetFiles(SourceTemplates()))
                File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
            await using var app = await new ShopAppFactory().WithSettings(("Notifications:TemplateDirectory", copy)).StartAsync();
            var templates = app.Services.GetRequiredService<EmailTemplates>();
            var kind = NotificationKinds.Of(NotificationKind.PaymentReceived);
            Assert.StartsWith("Payment received", templates.Render(kind.Kind, kind.Sample, TemplatePreview.SampleRecipient).Subject);

            var path = Path.Combine(copy, "payment-received.txt");
            await File.WriteAllTextAsync(path, "Subject: Thanks! {{money amount}} arrived for {{number}}\n\nDhanyavaad.\n");
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(1));
            var edited = templates.Render(kind.Kind, kind.Sample, TemplatePreview.SampleRecipient);
            Assert.Equal("Thanks! ₹3,201.30 arrived for SH-2026-7K4M9QXR", edited.Subject);
            Assert.Contains("Dhanyavaad.", edited.Text);

            await File.WriteAllTextAsync(path, "Subject: {{#if number}}unclosed\n\nBody\n");
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(2));
            Assert.NotNull(TemplatePreview.Render(templates, kind).Error);
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }
}

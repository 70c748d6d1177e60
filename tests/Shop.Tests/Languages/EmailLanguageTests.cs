using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Shop.Testing;
using Shop.Web.Modules.Notifications.Contracts;
using Shop.Web.Modules.Notifications.Templates;

namespace Shop.Tests.Languages;

/// <summary>Every message a customer can receive has its Hindi wording, with the same parts (subject, summary, text message) as the English one.</summary>
public sealed partial class EmailLanguageTests(ShopAppFactory app) : IClassFixture<ShopAppFactory>
{
    private static readonly Recipient HindiReader = TemplatePreview.SampleRecipient with { Language = "hi-IN" };

    public static TheoryData<NotificationKind> CustomerKinds() =>
        new(NotificationKinds.All.Where(k => k.Audience == Audience.Customer).Select(k => k.Kind));

    [Theory]
    [MemberData(nameof(CustomerKinds))]
    public void A_customer_message_reads_in_hindi_to_a_hindi_reader_with_the_same_parts(NotificationKind kind)
    {
        var templates = app.Services.GetRequiredService<EmailTemplates>();
        var sample = NotificationKinds.Of(kind).Sample;

        var english = templates.Render(kind, sample, TemplatePreview.SampleRecipient);
        var hindi = templates.Render(kind, sample, HindiReader);

        Assert.Matches(Devanagari(), hindi.Subject);
        Assert.NotEqual(english.Subject, hindi.Subject);
        Assert.Contains("नमस्ते", hindi.Text);
        Assert.Contains("नमस्ते", hindi.Html);
        Assert.Equal(english.Summary.Length > 0, hindi.Summary.Length > 0);
        Assert.Equal(english.TextMessage is null, hindi.TextMessage is null);
        if (hindi.TextMessage is not null)
            Assert.Matches(Devanagari(), hindi.TextMessage);
        Assert.DoesNotContain("Hello", hindi.Text);
    }

    [GeneratedRegex(@"\p{IsDevanagari}{2,}")]
    private static partial Regex Devanagari();
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Shop.Testing;
using Shop.Web.Modules.Ordering.Data;
using Shop.Web.Modules.Support.Emails;
using Shop.Web.Platform.Localization;

namespace Shop.Tests.Languages;

/// <summary>Texts stored in English as things happened (an order's timeline, a conversation's events) read in the reader's language.</summary>
public sealed class StoredTextTests(ShopAppFactory app) : IClassFixture<ShopAppFactory>
{
    [Fact]
    public void Timeline_sentences_and_conversation_events_read_in_hindi_with_their_details_and_stay_english_for_english_readers()
    {
        var texts = app.Services.GetRequiredService<IStringLocalizer<Strings>>();
        var hindi = ShopLanguages.Find("hi")!;

        string[] InHindi() =>
        [
            SystemMessageText.ForReader("Taken by Priya Nair", texts), SystemMessageText.ForReader("Resolved", texts),
            SystemMessageText.ForReader("Call-back: we spoke on the phone", texts), SystemMessageText.ForReader("Something an agent typed", texts),
            TimelineSentences.Localized("Shipped with Delhivery, tracking number DL123.", texts),
        ];

        var shown = ShopLanguages.In(hindi, InHindi);
        Assert.Equal("Priya Nair ने बातचीत संभाली", shown[0]);
        Assert.Equal("बातचीत हल हो गई", shown[1]);
        Assert.Equal("कॉल-बैक: हमने फ़ोन पर बात की", shown[2]);
        Assert.Equal("Something an agent typed", shown[3]);
        Assert.Contains("Delhivery", shown[4]);
        Assert.Contains("DL123", shown[4]);
        Assert.DoesNotContain("Shipped", shown[4]);
        Assert.Equal("Taken by Priya Nair", ShopLanguages.In(ShopLanguages.Default, () => SystemMessageText.ForReader("Taken by Priya Nair", texts)));
    }
}

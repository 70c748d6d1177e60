using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shop.Testing;
using Shop.Tests.Support;
using Shop.Web.Modules.Support.Data;
using Shop.Web.Modules.Support.ReplyEmails;
using Shop.Web.Platform.Database;

namespace Shop.Tests.Languages;

/// <summary>
/// Support speaks Hindi to a Hindi reader: the contact, call-back and conversation pages, the chat's own words,
/// and the emails to a customer (an account in the language it chose, a guest in the one they wrote in), on a real SMTP server.
/// </summary>
public sealed class SupportInHindiTests(SmtpTestServer smtp) : IClassFixture<SmtpTestServer>, IAsyncLifetime
{
    private const string Conversations = "/api/v1/support/conversations";
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);
    private ShopAppFactory app = null!;

    public async Task InitializeAsync() =>
        app = await new ShopAppFactory().WithSmtp(smtp).WithSettings([.. SupportTestSettings.Always, ("Support:ReplyEmailDelay", Window.ToString())]).StartAsync();

    public async Task DisposeAsync() => await app.DisposeAsync();

    private static async Task<IHtmlDocument> PageAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }

    private HttpClient HindiGuest()
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("Accept-Language", "hi-IN");
        return client;
    }

    /// <summary>A customer whose account chose Hindi: a cookie client for pages and a bearer client for the API.</summary>
    private async Task<(HttpClient Pages, HttpClient Api, string Email)> HindiCustomerAsync()
    {
        var email = ApiClient.NewEmail("hindi-support");
        await app.RegisterConfirmedAsync(email);
        var pages = await app.CookieClientAsync(email);
        var chosen = await pages.PostAsync("/language", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await BrowserSession.FormTokenAsync(pages, "/"),
            ["culture"] = "hi-IN",
            ["returnUrl"] = "/",
        }));
        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        return (pages, app.BearerClient((await app.LoginAsync(email)).AccessToken), email);
    }

    [Fact]
    public async Task The_contact_and_call_back_pages_and_the_chat_speak_hindi_to_a_hindi_reader()
    {
        var guest = HindiGuest();

        var contact = await PageAsync(guest, "/contact");
        Assert.Equal("हमसे संपर्क करें", contact.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains(contact.QuerySelectorAll("#f-topic option"), o => o.TextContent == "वापसी और रिफ़ंड");
        Assert.DoesNotContain("What is it about?", contact.Body!.TextContent);

        var callback = await PageAsync(guest, "/support/callback");
        Assert.Equal("मुझे वापस कॉल करें", callback.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("कॉल बुक करें", callback.QuerySelector("section[aria-labelledby=callback-heading] button[type=submit]")!.TextContent.Trim());
        // Slots name their days in Hindi too.
        var slot = callback.QuerySelectorAll("[data-testid=callback-slot] option").Last().TextContent;
        Assert.DoesNotContain(new[] { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" }, day => slot.StartsWith(day, StringComparison.Ordinal));

        var texts = (await PageAsync(guest, "/")).QuerySelector("[data-chat-launcher] [data-chat-texts]")!;
        Assert.Equal("पढ़ लिया", texts.GetAttribute("data-read"));
        Assert.Equal("सहायता टीम लिख रही है…", texts.GetAttribute("data-support-typing"));
    }

    [Fact]
    public async Task A_refused_form_says_why_in_hindi()
    {
        var guest = HindiGuest();
        var response = await guest.PostAsync("/support/callback", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "callback",
            ["__RequestVerificationToken"] = await BrowserSession.FormTokenAsync(guest, "/support/callback"),
            ["Input.Phone"] = "98765",
        }));

        var text = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync()).Body!.TextContent;
        Assert.Contains("चुनें कि हम कब कॉल करें।", text);
        Assert.Contains("चुनें कि कॉल किस बारे में है।", text);
        Assert.DoesNotContain("Choose when we should call.", text);
    }

    [Fact]
    public async Task A_customer_who_chose_hindi_gets_the_confirmation_and_replies_in_hindi_and_reads_the_conversation_in_hindi()
    {
        var (pages, api, email) = await HindiCustomerAsync();
        var id = Guid.Parse((await CatalogClient.Expect(await api.PostAsJsonAsync(Conversations, new { topic = "returns", message = "Can I return a gift?" }),
            HttpStatusCode.Created)).GetProperty("id").GetString()!);

        var received = await app.WaitForMailAsync(email, "हमें आपका सवाल मिल गया है: वापसी और रिफ़ंड");
        Assert.Contains("Can I return a gift?", received.Text);
        Assert.Contains("आपने लिखा:", received.Html);

        await SupportTestSettings.PostAsync(app, id, AuthorKind.Agent, "Yes, within 30 days.");
        await QuietAsync(id);
        Assert.Equal(1, await app.Services.GetRequiredService<ReplyEmailJob>().SendDueAsync());
        var reply = await app.WaitForMailAsync(email, "सहायता टीम ने जवाब दिया: वापसी और रिफ़ंड");
        Assert.Contains("सहायता टीम, ", reply.Text);
        Assert.Contains("Yes, within 30 days.", reply.Text);

        var page = await PageAsync(pages, $"/account/support/{id}");
        Assert.Equal("आपकी सहायता बातचीत", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("जवाब दिया गया", page.QuerySelector("[data-testid=conversation-status]")!.TextContent.Trim());
        Assert.Contains(page.QuerySelectorAll("button"), b => b.TextContent.Trim() == "जवाब भेजें");
        Assert.Equal("पढ़ लिया", page.QuerySelector("[data-chat-texts]")!.GetAttribute("data-read"));
        var list = await PageAsync(pages, "/account/support");
        Assert.Contains(list.QuerySelectorAll("[data-testid=conversation-row] a"), a => a.TextContent == "वापसी और रिफ़ंड");
    }

    [Fact]
    public async Task A_guest_who_writes_in_hindi_gets_the_confirmation_in_hindi_and_one_who_writes_in_english_in_english()
    {
        var hindi = ApiClient.NewEmail("hindi-guest");
        var english = ApiClient.NewEmail("english-guest");

        await CatalogClient.Expect(await HindiGuest().PostAsJsonAsync(Conversations,
            new { topic = "payment", message = "Was I charged twice?", name = "Meera Iyer", email = hindi }), HttpStatusCode.Created);
        await CatalogClient.Expect(await app.CreateClient().PostAsJsonAsync(Conversations,
            new { topic = "payment", message = "Was I charged twice?", name = "Meera Iyer", email = english }), HttpStatusCode.Created);

        Assert.Contains("नमस्ते Meera Iyer", (await app.WaitForMailAsync(hindi, "हमें आपका सवाल मिल गया है: भुगतान")).Text);
        Assert.Contains("Hello Meera Iyer", (await app.WaitForMailAsync(english, "We received your question: Payment")).Text);
    }

    private async Task QuietAsync(Guid conversationId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        var newest = await db.Set<SupportMessage>().Where(m => m.ConversationId == conversationId).MaxAsync(m => m.CreatedAt);
        await Eventually.TrueAsync(() => Task.FromResult(DateTimeOffset.UtcNow - newest > Window + TimeSpan.FromMilliseconds(200)), "the reply window to pass");
    }
}

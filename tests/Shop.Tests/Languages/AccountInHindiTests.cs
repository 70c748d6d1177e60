using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Shop.Testing;
using Shop.Web.Modules.Notifications.Contracts;
using Shop.Web.Modules.Notifications.Templates;

namespace Shop.Tests.Languages;

/// <summary>
/// A Hindi reader's account: the sign-in, account, notification and shell pages, Identity's refusals, and the account
/// emails, which follow the account's chosen language or else the language the shopper asked in.
/// </summary>
public sealed partial class AccountInHindiTests(ShopAppFactory app) : IClassFixture<ShopAppFactory>
{
    private const string Hindi = "hi-IN";

    /// <summary>The resource's English texts of several words that read differently in Hindi, placeholders cut out.</summary>
    private static readonly Lazy<List<string[]>> EnglishTexts = new(() =>
    {
        XElement[] Entries(string file) =>
            XDocument.Load(Path.Combine(SourceTree.WebProject, "Platform", "Localization", file)).Root!.Elements("data").ToArray();
        var hindi = Entries("Strings.hi.resx").ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")!.Value);
        return Entries("Strings.resx")
            .Select(d => (Key: d.Attribute("name")!.Value, English: d.Element("value")!.Value))
            .Where(e => e.English.Contains(' ') && hindi[e.Key] != e.English)
            .Select(e => Placeholder().Split(e.English).Select(part => part.Trim()).Where(part => part.Contains(' ')).ToArray())
            .Where(parts => parts.Length > 0)
            .ToList();
    });

    private static async Task<HttpResponseMessage> GetInHindiAsync(HttpClient client, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Accept-Language", Hindi);
        return await client.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> PostFormInHindiAsync(HttpClient client, string path, string form, Dictionary<string, string> fields)
    {
        fields["_handler"] = form;
        fields["__RequestVerificationToken"] = await BrowserSession.FormTokenAsync(client, path);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("Accept-Language", Hindi);
        return await client.SendAsync(request);
    }

    /// <summary>What a reader sees of a page: its text, and the labels, placeholders and titles of its elements.</summary>
    private static string Shown(string html)
    {
        var document = new HtmlParser().ParseDocument(html);
        return string.Join("\n", document.Title, document.Body!.TextContent, string.Join("\n", document.All
            .SelectMany(e => new[] { e.GetAttribute("aria-label"), e.GetAttribute("placeholder"), e.GetAttribute("title"), e.GetAttribute("alt") })
            .OfType<string>()));
    }

    private static void AssertNoEnglishOfTheResource(string path, string shown) =>
        Assert.Empty(EnglishTexts.Value.Where(parts => parts.Any(part => shown.Contains(part, StringComparison.Ordinal)))
            .Select(parts => $"{path}: {string.Join(" … ", parts)}"));

    [Fact]
    public async Task Account_notification_and_shell_pages_read_in_hindi()
    {
        var email = ApiClient.NewEmail("hindi");
        await app.RegisterConfirmedAsync(email);
        var signedIn = await app.CookieClientAsync(email);
        var anonymous = app.CreateClient();
        var pages = new (HttpClient Client, string Path, string Heading)[]
        {
            (anonymous, "/account/sign-in", "साइन इन"),
            (anonymous, "/account/sign-in/two-factor", "अपने ऑथेंटिकेटर ऐप का कोड दर्ज करें"),
            (anonymous, "/account/sign-in/two-factor?recovery=true", "अपना रिकवरी कोड दर्ज करें"),
            (anonymous, "/account/access-denied", "आपको उस पेज तक पहुँच नहीं है"),
            (anonymous, $"/account/confirm-email-change?userId={Guid.NewGuid()}&email=new@example.in&code=x", "हम आपका ईमेल नहीं बदल सके"),
            (anonymous, "/offline", "आप ऑफ़लाइन हैं"),
            (anonymous, "/error", "हमारी तरफ़ कुछ गड़बड़ हो गई"),
            (anonymous, "/status/429", "बहुत ज़्यादा अनुरोध"),
            (anonymous, "/no-such-page", "हमें वह पेज नहीं मिला"),
            (signedIn, "/account", "आपका खाता"),
            (signedIn, "/account?verify=%2B919845012345", "आपका खाता"),
            (signedIn, "/account/two-factor", "दो-चरणीय साइन इन"),
            (signedIn, "/account/notifications", "सूचना सेटिंग्स"),
            (signedIn, "/notifications", "सूचनाएँ"),
            (signedIn, "/account/sell", "Bazaar पर बेचें"),
        };

        foreach (var (client, path, heading) in pages)
        {
            var response = await GetInHindiAsync(client, path);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Equal(heading, new HtmlParser().ParseDocument(html).QuerySelector("h1")?.TextContent.Trim());
            AssertNoEnglishOfTheResource(path, Shown(html));
        }

        var preferences = Shown(await (await GetInHindiAsync(signedIn, "/account/notifications")).Content.ReadAsStringAsync());
        Assert.Contains("ऑर्डर भेजा गया पुश सूचना के रूप में", preferences);
        Assert.Contains("हमेशा भेजी जाती है", preferences);
    }

    [Fact]
    public async Task A_too_short_password_on_sign_up_is_refused_in_hindi_on_the_page_and_in_the_api()
    {
        var client = app.CreateClient();

        var page = await PostFormInHindiAsync(client, "/account/sign-up", "sign-up", new()
        {
            ["Input.Name"] = "आशा राव",
            ["Input.Email"] = ApiClient.NewEmail("short"),
            ["Input.Password"] = "short1",
        });
        var shown = Shown(await page.Content.ReadAsStringAsync());
        Assert.Contains("पासवर्ड कम से कम 10 अक्षरों का होना चाहिए।", shown);
        AssertNoEnglishOfTheResource("/account/sign-up", shown);

        using var api = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/register")
        {
            Content = JsonContent.Create(new { email = ApiClient.NewEmail("short"), password = "password123", name = "Asha Rao" }),
        };
        api.Headers.Add("Accept-Language", Hindi);
        var refused = await client.SendAsync(api);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("यह पासवर्ड बहुत आम है। ऐसा पासवर्ड चुनें जिसका अंदाज़ा लगाना मुश्किल हो।",
            (await refused.JsonAsync()).GetProperty("errors").GetProperty("Password")[0].GetString());
    }

    [Fact]
    public async Task A_wrong_password_on_the_sign_in_page_is_refused_in_hindi()
    {
        var page = await PostFormInHindiAsync(app.CreateClient(), "/account/sign-in", "sign-in", new()
        {
            ["Input.Email"] = ApiClient.NewEmail("nobody"),
            ["Input.Password"] = "not-the-password",
        });

        Assert.Contains("ईमेल या पासवर्ड गलत है।", Shown(await page.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task A_password_reset_asked_for_in_hindi_arrives_in_hindi_and_its_link_works()
    {
        var email = ApiClient.NewEmail("reset");
        await app.RegisterConfirmedAsync(email);

        await PostFormInHindiAsync(app.CreateClient(), "/account/forgot-password", "forgot-password", new() { ["Input.Email"] = email });

        var mail = await app.WaitForMailAsync(email, "पासवर्ड रीसेट करें");
        Assert.Contains("नया पासवर्ड चुनने के लिए अगले एक घंटे के भीतर यह लिंक खोलें", mail.Text);
        Assert.Contains("lang=\"hi\"", mail.Html);
        var link = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(new Uri("http://shop"), mail.LinkTo("/account/reset-password")).Query);
        var reset = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/reset-password",
            new { userId = link["userId"].ToString(), code = link["code"].ToString(), newPassword = "Monsoon-Saffron-2027" });
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
    }

    [Fact]
    public async Task Signing_up_in_hindi_sends_the_confirmation_in_hindi()
    {
        var email = ApiClient.NewEmail("signup");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/register")
        {
            Content = JsonContent.Create(new { email, password = ApiClient.Password, name = "Asha Rao" }),
        };
        request.Headers.Add("Accept-Language", Hindi);

        Assert.Equal(HttpStatusCode.Accepted, (await app.CreateClient().SendAsync(request)).StatusCode);

        var mail = await app.WaitForMailAsync(email, "अपना ईमेल पक्का करें");
        Assert.Contains("/account/confirm-email?", mail.Text);
    }

    [Fact]
    public async Task The_language_an_account_chose_wins_over_the_language_of_the_request()
    {
        var email = ApiClient.NewEmail("chose");
        await app.RegisterConfirmedAsync(email);
        var signedIn = await app.CookieClientAsync(email);
        await signedIn.PostAsync("/language", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await BrowserSession.FormTokenAsync(signedIn, "/"),
            ["culture"] = Hindi,
            ["returnUrl"] = "/",
        }));

        var english = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Accepted, (await english.PostAsJsonAsync("/api/v1/auth/forgot-password", new { email })).StatusCode);

        await app.WaitForMailAsync(email, "पासवर्ड रीसेट करें");
    }

    [Fact]
    public async Task Account_review_and_seller_application_messages_render_in_hindi()
    {
        var templates = app.Services.GetRequiredService<EmailTemplates>();
        var reader = new Recipient(null, "asha@example.in", "आशा", Hindi);
        NotificationKind[] kinds = [NotificationKind.ConfirmEmail, NotificationKind.PasswordReset, NotificationKind.EmailChange, NotificationKind.AccountExists,
            NotificationKind.ReviewDecided, NotificationKind.SellerApplicationDecided];
        var publishedReview = (ReviewDecisionModel)NotificationKinds.Of(NotificationKind.ReviewDecided).Sample with { Approved = true };

        foreach (var (kind, sample) in kinds.Select(k => (k, NotificationKinds.Of(k).Sample)).Append((NotificationKind.ReviewDecided, publishedReview)))
        {
            var rendered = templates.Render(kind, sample, reader);
            Assert.Matches(Devanagari(), rendered.Subject);
            Assert.Contains("नमस्ते आशा,", rendered.Text);
            Assert.DoesNotContain("Hello", rendered.Text + rendered.Html);
            Assert.DoesNotContain("{{", rendered.Text + rendered.Html);
        }
        var review = templates.Render(NotificationKind.ReviewDecided, NotificationKinds.Of(NotificationKind.ReviewDecided).Sample, reader);
        Assert.Contains("प्रकाशित नहीं हुई", review.Summary);
    }

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"[\u0900-\u097F]")]
    private static partial Regex Devanagari();
}

using System.Net;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Shop.Testing;
using Shop.Web.Platform.Localization;
using Shop.Web.Platform.Storefront;

namespace Shop.Tests.Languages;

/// <summary>The shop in English and Hindi: which language a request gets, and what follows it.</summary>
public sealed class LanguageTests(ShopAppFactory app) : IClassFixture<ShopAppFactory>
{
    private static async Task<string> PageAsync(HttpClient client, string path, string? acceptLanguage = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptLanguage is not null)
            request.Headers.Add("Accept-Language", acceptLanguage);
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<HttpResponseMessage> ChooseAsync(HttpClient client, string culture, string returnUrl) =>
        await client.PostAsync("/language", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await BrowserSession.FormTokenAsync(client, "/"),
            ["culture"] = culture,
            ["returnUrl"] = returnUrl,
        }));

    [Theory]
    [InlineData(null, "en", "Search")]
    [InlineData("en-US,en;q=0.9", "en", "Search")]
    [InlineData("hi", "hi", "खोजें")]
    [InlineData("fr-FR,hi-IN;q=0.8,en;q=0.5", "hi", "खोजें")]
    public async Task The_browser_language_picks_the_page_language_when_no_choice_was_made(string? acceptLanguage, string lang, string searchButton)
    {
        var html = await PageAsync(app.CreateClient(), "/", acceptLanguage);

        var document = new HtmlParser().ParseDocument(html);
        Assert.Equal(lang, document.DocumentElement.GetAttribute("lang"));
        Assert.Equal(searchButton, document.QuerySelector("header form.search button")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_choice_in_the_header_is_kept_in_a_cookie_over_the_browser_language_and_returns_only_to_this_site()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var chosen = await ChooseAsync(client, "hi-IN", "/cart?x=1");
        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        Assert.Equal("/cart?x=1", chosen.Headers.Location?.OriginalString);
        Assert.Contains("आपका कार्ट", await PageAsync(client, "/cart", "en-US"));

        var offSite = await ChooseAsync(client, "en-IN", "//evil.example/");
        Assert.Equal("/", offSite.Headers.Location?.OriginalString);
        Assert.Contains("Your cart", await PageAsync(client, "/cart", "hi"));
    }

    [Fact]
    public async Task A_signed_in_choice_is_kept_on_the_account_and_signing_in_elsewhere_brings_it_back()
    {
        var email = ApiClient.NewEmail("lang");
        await app.RegisterConfirmedAsync(email);
        var first = await app.CookieClientAsync(email);
        await ChooseAsync(first, "hi-IN", "/");

        var elsewhere = await app.CookieClientAsync(email);

        Assert.Contains("lang=\"hi\"", await PageAsync(elsewhere, "/", "en-US"));
    }

    [Fact]
    public void Money_reads_the_indian_way_in_both_languages()
    {
        var money = app.Services.GetRequiredService<Money>();
        foreach (var language in ShopLanguages.All)
        {
            Assert.Equal("₹1,23,456.00", ShopLanguages.In(language, () => money.Show(123456m)));
            Assert.Equal("₹1,299", ShopLanguages.In(language, () => money.Tag(1299m)));
        }
    }

    [Fact]
    public async Task A_guest_who_shops_in_hindi_gets_the_order_confirmation_in_hindi()
    {
        await app.EnsureShippingAsync();
        var catalog = await CatalogClient.CreateAsync(app);
        var category = await catalog.CategoryAsync("Languages");
        var product = await catalog.ProductAsync(CatalogClient.Unique("Madhubani Print"), category.GetProperty("id").GetString()!,
            [CatalogClient.Variant("LNG-" + Guid.NewGuid().ToString("N")[..8], 1250m, stock: 5)]);
        var guest = await app.GuestWithCartAsync(Guid.Parse(product.GetProperty("variants")[0].GetProperty("id").GetString()!));
        guest.DefaultRequestHeaders.Add("Accept-Language", "hi-IN");
        var email = ApiClient.NewEmail("hindi");

        var number = (await CatalogClient.Expect(await guest.CheckoutAsync(email), HttpStatusCode.Created)).GetProperty("number").GetString();

        var mail = await app.WaitForMailAsync(email, "ऑर्डर");
        Assert.Contains(number!, mail.Subject);
        Assert.Contains("कैश ऑन डिलीवरी", mail.Text);
        Assert.Contains("₹1,250.00", mail.Text);
        Assert.Contains("उप-योग", mail.Text);
        Assert.Contains("कोई सवाल?", mail.Html);
    }
}

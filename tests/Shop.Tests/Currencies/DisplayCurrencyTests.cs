using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Shop.Testing;
using Shop.Web.Modules.Currencies.Contracts;

namespace Shop.Tests.Currencies;

public sealed class DisplayCurrencyTests(ShopAppFactory app) : IClassFixture<ShopAppFactory>
{
    private static DisplayCurrency Currency(string code, decimal rate) => new(IsoCurrencies.Find(code)!, rate, false, DateTimeOffset.UnixEpoch);

    [Theory]
    [InlineData("USD", "83.25", "1000", "12.01")] // 12.012012… rounds down to cents
    [InlineData("USD", "2", "10.05", "5.03")] // exactly half a cent rounds away from zero
    [InlineData("JPY", "0.5523", "1000", "1811")] // yen have no minor units
    [InlineData("KWD", "270.123", "1000", "3.702")] // dinars have three
    [InlineData("EUR", "90.1", "0", "0.00")]
    public void Conversion_divides_exactly_and_rounds_once_to_the_currencys_minor_units(string code, string rate, string inr, string expected)
    {
        var converted = Currency(code, decimal.Parse(rate, CultureInfo.InvariantCulture)).FromShopCurrency(decimal.Parse(inr, CultureInfo.InvariantCulture));
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), converted);
    }

    [Fact]
    public void Estimates_carry_the_currencys_sign_and_an_approximation_mark()
    {
        Assert.Equal("≈ US$12.01", Currency("USD", 83.25m).Estimate(1000m));
        Assert.Equal("≈ ¥1,811", Currency("JPY", 0.5523m).Estimate(1000m));
    }

    [Fact]
    public async Task Admins_set_rates_and_bad_input_gets_problem_details_with_field_errors()
    {
        var (admin, _) = await app.SignedInClientAsync("admin", "admin");
        var (customer, _) = await app.SignedInClientAsync("shopper");
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/v1/admin/currencies")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await customer.PutAsJsonAsync("/api/v1/admin/currencies/USD", new { rate = 83m, isEnabled = true })).StatusCode);

        foreach (var (code, body, field) in new (string, object, string)[]
        {
            ("USD", new { rate = 0m, isEnabled = true }, "Rate"),
            ("USD", new { rate = -5m, isEnabled = true }, "Rate"),
            ("USD", new { rate = 1_000_001m, isEnabled = true }, "Rate"),
            ("USD", new { rate = 83.1234567m, isEnabled = true }, "Rate"),
            ("XYZ", new { rate = 10m, isEnabled = true }, "Code"),
            ("INR", new { rate = 1m, isEnabled = true }, "Code"),
        })
        {
            var refused = await admin.PutAsJsonAsync($"/api/v1/admin/currencies/{code}", body);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.True((await refused.JsonAsync()).GetProperty("errors").TryGetProperty(field, out _), $"{code} {JsonSerializer.Serialize(body)} names {field}");
        }
        var notJson = await admin.PutAsync("/api/v1/admin/currencies/USD", new StringContent("{\"rate\": \"lots\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        var nul = await admin.PutAsync("/api/v1/currencies/choice", new StringContent("{\"currency\": \"US\\u0000\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, nul.StatusCode);
        Assert.Equal("application/problem+json", nul.Content.Headers.ContentType?.MediaType);

        var saved = await CatalogClient.Expect(await admin.PutAsJsonAsync("/api/v1/admin/currencies/usd", new { rate = 83.25m, isEnabled = true }), HttpStatusCode.OK);
        Assert.Equal("USD", saved.GetProperty("code").GetString());
        Assert.Equal(83.25m, saved.GetProperty("rate").GetDecimal());
        Assert.Equal(2, saved.GetProperty("minorUnits").GetInt32());
        Assert.Equal("Asha Rao", saved.GetProperty("rateSetBy").GetString());
        var setAt = saved.GetProperty("rateSetAt").GetDateTimeOffset();

        // Enabling or disabling alone leaves the rate's time; a new rate records a new one.
        var disabled = await CatalogClient.Expect(await admin.PutAsJsonAsync("/api/v1/admin/currencies/USD", new { rate = 83.25m, isEnabled = false }), HttpStatusCode.OK);
        Assert.Equal(setAt, disabled.GetProperty("rateSetAt").GetDateTimeOffset());
        Assert.False(disabled.GetProperty("isEnabled").GetBoolean());
        Assert.Empty((await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/currencies")).GetProperty("offered").EnumerateArray());
        var changed = await CatalogClient.Expect(await admin.PutAsJsonAsync("/api/v1/admin/currencies/USD", new { rate = 84m, isEnabled = true }), HttpStatusCode.OK);
        Assert.True(changed.GetProperty("rateSetAt").GetDateTimeOffset() >= setAt);
        Assert.Equal(84m, (await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/currencies")).GetProperty("offered")[0].GetProperty("rate").GetDecimal());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/admin/currencies/GBP")).StatusCode);
    }

    [Fact]
    public async Task The_header_chooser_remembers_the_choice_in_a_cookie_and_on_the_account()
    {
        var (admin, _) = await app.SignedInClientAsync("admin", "admin");
        await CatalogClient.Expect(await admin.PutAsJsonAsync("/api/v1/admin/currencies/EUR", new { rate = 90m, isEnabled = true }), HttpStatusCode.OK);
        var catalog = await CatalogClient.CreateAsync(app);
        var category = await catalog.CategoryAsync(CatalogClient.Unique("Brass"));
        var product = await catalog.ProductAsync(CatalogClient.Unique("Brass Diya"), category.GetProperty("id").GetString()!,
            [CatalogClient.Variant("DIYA-" + Guid.NewGuid().ToString("N")[..8], 900m)]);
        var productPage = $"/p/{product.GetProperty("slug").GetString()}";

        var guest = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var before = await PageTextAsync(guest, productPage);
        Assert.Contains("currency-menu", before);
        Assert.DoesNotContain("≈ €", before);

        var chosen = await ChooseAsync(guest, productPage, "EUR");
        Assert.Equal(productPage, chosen.Headers.Location?.OriginalString);
        Assert.Contains(chosen.Headers.GetValues("Set-Cookie"), c => c.StartsWith("shop_currency=EUR", StringComparison.Ordinal));
        var after = await PageTextAsync(guest, productPage);
        Assert.Contains("≈ €10.00", after);
        Assert.Contains("you pay in INR", after);
        // A shopper reading Hindi gets the same estimate with the note in Hindi.
        var inHindi = new HttpRequestMessage(HttpMethod.Get, productPage);
        inHindi.Headers.AcceptLanguage.ParseAdd("hi-IN");
        var hindi = WebUtility.HtmlDecode(await (await guest.SendAsync(inHindi)).Content.ReadAsStringAsync());
        Assert.Contains("भुगतान INR (₹) में होता है", hindi);
        Assert.DoesNotContain("you pay in INR", hindi);
        var unknown = await guest.PostAsync("/currency", await ChoiceFormAsync(guest, productPage, "XYZ"));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);

        // Signed in, the choice is kept on the account and follows the shopper to a browser without the cookie.
        var email = ApiClient.NewEmail("chooser");
        await app.RegisterConfirmedAsync(email);
        var browser = await app.CookieClientAsync(email);
        await ChooseAsync(browser, "/", "EUR");
        var elsewhere = await app.CookieClientAsync(email);
        Assert.Contains("≈ €10.00", await PageTextAsync(elsewhere, productPage));
        var bearer = app.BearerClient((await app.LoginAsync(email)).AccessToken);
        Assert.Equal("EUR", (await bearer.GetFromJsonAsync<JsonElement>("/api/v1/currencies")).GetProperty("chosen").GetString());
        await CatalogClient.Expect(await bearer.PutAsJsonAsync("/api/v1/currencies/choice", new { currency = "" }), HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, (await bearer.GetFromJsonAsync<JsonElement>("/api/v1/currencies")).GetProperty("chosen").ValueKind);
    }

    private static async Task<string> PageTextAsync(HttpClient client, string page) => WebUtility.HtmlDecode(await client.GetStringAsync(page));

    private static async Task<HttpResponseMessage> ChooseAsync(HttpClient client, string page, string currency)
    {
        var response = await client.PostAsync("/currency", await ChoiceFormAsync(client, page, currency));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response;
    }

    private static async Task<FormUrlEncodedContent> ChoiceFormAsync(HttpClient client, string page, string currency) => new(new Dictionary<string, string>
    {
        ["__RequestVerificationToken"] = await BrowserSession.FormTokenAsync(client, page),
        ["currency"] = currency,
        ["returnUrl"] = page,
    });
}

/// <summary>A shop that offers no currency but its own shows no chooser and no estimates.</summary>
public sealed class NoDisplayCurrencyTests(ShopAppFactory app) : IClassFixture<ShopAppFactory>
{
    [Fact]
    public async Task Without_other_currencies_the_header_has_no_chooser()
    {
        var home = WebUtility.HtmlDecode(await app.CreateClient().GetStringAsync("/"));
        Assert.DoesNotContain("currency-menu", home);
        Assert.DoesNotContain("≈", home);
    }
}

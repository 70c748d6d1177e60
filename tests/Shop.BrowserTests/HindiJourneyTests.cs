using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Shop.Testing;

namespace Shop.BrowserTests;

/// <summary>A shopper on a phone switches the shop to Hindi in the header and buys in it, down to the confirmation email.</summary>
public sealed partial class HindiJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_guest_picks_hindi_on_a_phone_and_shops_from_home_to_the_confirmation_email()
    {
        await browser.Shop.EnsureShippingAsync();
        var catalog = await CatalogClient.CreateAsync(browser.Shop);
        var (seller, _) = await browser.Shop.SignedInClientAsync("seller", "seller");
        var category = await catalog.CategoryAsync("Homeware");
        var title = CatalogClient.Unique("Warli Wall Plate");
        var product = await catalog.ProductAsync(title, category.GetProperty("id").GetString()!,
            [CatalogClient.Variant("WRL-" + Guid.NewGuid().ToString("N")[..6], 899m, stock: 5)], images: [await catalog.UploadAsync(40, seller)], client: seller);
        var (page, errors) = await browser.NewPageAsync(Screenshots.PhoneWidth, 844);

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Button, new() { Name = "हिन्दी" }).ClickAsync();
        await page.WaitForSelectorAsync("html[lang=hi]", new() { State = WaitForSelectorState.Attached });
        Assert.EndsWith("/", page.Url);
        Assert.Equal("खोजें", (await page.Locator("header form.search button").InnerTextAsync()).Trim());
        await Screenshots.AtBothWidthsAsync(page, "hindi-home");

        await page.GotoAsync($"/p/{product.GetProperty("slug").GetString()}");
        await page.GetByRole(AriaRole.Button, new() { Name = "कार्ट में डालें" }).ClickAsync();
        await page.GetByText("आपके कार्ट में जोड़ा गया।").WaitForAsync();
        Assert.Contains("₹899.00", await page.GetByTestId("grand-total").InnerTextAsync());
        await Screenshots.AtBothWidthsAsync(page, "hindi-cart");

        await page.GetByRole(AriaRole.Link, new() { Name = "चेकआउट पर जाएँ" }).ClickAsync();
        var email = ApiClient.NewEmail("hindi");
        await page.GetByLabel("ईमेल").FillAsync(email);
        await CheckoutForm.FillShippingAsync(page, CheckoutForm.Chennai);
        await page.GetByLabel("कैश ऑन डिलीवरी").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "ऑर्डर की समीक्षा करें" }).ClickAsync();
        await Screenshots.AtBothWidthsAsync(page, "hindi-checkout");
        await page.GetByRole(AriaRole.Button, new() { Name = "ऑर्डर दें" }).ClickAsync();

        await page.WaitForURLAsync(url => url.Contains("/orders/") && url.EndsWith("placed=1"));
        Assert.Contains("धन्यवाद!", await page.GetByRole(AriaRole.Status).First.InnerTextAsync());
        var number = OrderNumber().Match(await page.Locator("h1").InnerTextAsync()).Value;
        Assert.Contains("भुगतान: कैश ऑन डिलीवरी", await page.Locator("main").InnerTextAsync());
        await Screenshots.AtBothWidthsAsync(page, "hindi-order-placed");

        var mail = await browser.Shop.WaitForMailAsync(email, "ऑर्डर");
        Assert.Contains(number, mail.Subject);
        Assert.Contains("आपके ऑर्डर", mail.Text);
        Assert.Contains("कैश ऑन डिलीवरी", mail.Text);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_signed_in_hindi_reader_finds_account_and_support_pages_in_hindi_and_fitting_a_phone()
    {
        var email = ApiClient.NewEmail("hindi");
        await browser.Shop.RegisterConfirmedAsync(email);
        var (page, errors) = await browser.NewPageAsync(Screenshots.PhoneWidth, 844);
        await SignIn.AsAsync(page, email);
        await page.GetByRole(AriaRole.Button, new() { Name = "हिन्दी" }).ClickAsync();
        await page.WaitForSelectorAsync("html[lang=hi]", new() { State = WaitForSelectorState.Attached });

        foreach (var (path, name) in new[]
        {
            ("/account", "account"), ("/account/notifications", "notification-settings"), ("/account/two-factor", "two-factor"),
            ("/contact", "contact"), ("/support/callback", "callback"), ("/account/support", "support-conversations"),
        })
        {
            await page.GotoAsync(path);
            Assert.Equal("hi", await page.Locator("html").GetAttributeAsync("lang"));
            Assert.Matches(Devanagari(), await page.Locator("main h1").InnerTextAsync());
            Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), $"{path} is wider than a phone");
            await Screenshots.AtBothWidthsAsync(page, $"hindi-{name}");
        }
        Assert.Empty(errors);
    }

    [GeneratedRegex(@"\S+$")]
    private static partial Regex OrderNumber();

    [GeneratedRegex(@"\p{IsDevanagari}{2,}")]
    private static partial Regex Devanagari();
}

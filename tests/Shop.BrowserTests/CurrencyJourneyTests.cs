using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Shop.Testing;

namespace Shop.BrowserTests;

public sealed partial class CurrencyJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task An_admin_enables_dollars_and_a_shopper_on_a_phone_reads_estimates_in_them_and_is_charged_in_rupees()
    {
        await browser.Shop.EnsureShippingAsync();
        var catalog = await CatalogClient.CreateAsync(browser.Shop);
        var category = await catalog.CategoryAsync(CatalogClient.Unique("Lamps"));
        var product = await catalog.ProductAsync(CatalogClient.Unique("Brass Hanging Lamp"), category.GetProperty("id").GetString()!,
            [CatalogClient.Variant("LMP-" + Guid.NewGuid().ToString("N")[..6], 1665m, stock: 4)]);
        var adminEmail = ApiClient.NewEmail("admin");
        await browser.Shop.RegisterConfirmedAsync(adminEmail);
        await browser.Shop.GrantRolesAsync(adminEmail, "admin");

        var (admin, adminErrors) = await browser.NewPageAsync();
        await SignIn.AsAsync(admin, adminEmail);
        await admin.GotoAsync("/admin/currencies");
        await admin.GetByLabel("Currency", new() { Exact = true }).SelectOptionAsync("USD");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Choose" }).ClickAsync();
        await admin.GetByLabel("INR per 1 USD").FillAsync("0");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save currency" }).ClickAsync();
        Assert.Contains("above 0", await admin.Locator(".validation-message").InnerTextAsync());
        await admin.GetByLabel("INR per 1 USD").FillAsync("83.25");
        Assert.True(await admin.GetByLabel("Shoppers may choose it").IsCheckedAsync());
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save currency" }).ClickAsync();
        await admin.WaitForURLAsync(url => url.EndsWith("/admin/currencies?done=USD"));
        var row = await admin.GetByTestId("currencies").Locator("tbody tr").InnerTextAsync();
        Assert.Contains("83.25", row);
        Assert.Contains("Asha Rao", row);
        await Screenshots.AtBothWidthsAsync(admin, "admin-currencies");

        var (page, errors) = await browser.NewPageAsync(Screenshots.PhoneWidth, 844);
        await page.GotoAsync($"/c/{category.GetProperty("slug").GetString()}");
        await page.Locator(".currency-menu > summary").ClickAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "USD" }).CheckAsync();
        await Screenshots.SaveAsync(page, "currency-chooser-390.png", fullPage: false);
        await page.GetByRole(AriaRole.Button, new() { Name = "Show prices" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/c/"));
        // 1665 / 83.25 = 20 dollars exactly.
        Assert.Contains("≈ US$20.00", await page.Locator(".product-card .price").First.InnerTextAsync());
        Assert.Contains("you pay in INR", await page.GetByTestId("estimate-note").InnerTextAsync());
        Assert.Equal("USD", (await page.Locator(".currency-menu > summary").InnerTextAsync()).Trim());
        await Screenshots.AtBothWidthsAsync(page, "currency-listing");

        await page.GotoAsync($"/p/{product.GetProperty("slug").GetString()}");
        Assert.Equal("≈ US$20.00", await page.Locator("[data-variant-estimate]").InnerTextAsync());
        await Screenshots.AtBothWidthsAsync(page, "currency-product");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to cart" }).ClickAsync();
        await page.GetByText("Added to your cart.").WaitForAsync();
        Assert.Contains("About US$20.00", await page.GetByTestId("converted-total").InnerTextAsync());
        Assert.Contains("≈ US$20.00", await page.GetByTestId("cart-line").InnerTextAsync());
        await Screenshots.AtBothWidthsAsync(page, "currency-cart");

        await page.GotoAsync("/checkout");
        await page.GetByLabel("Email").FillAsync(ApiClient.NewEmail("dollar"));
        await CheckoutForm.FillShippingAsync(page, CheckoutForm.Chennai);
        await page.GetByLabel("Cash on delivery").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Review order" }).ClickAsync();
        var charged = await page.GetByTestId("charged-total").InnerTextAsync();
        Assert.Matches(Charged(), charged);
        Assert.Contains(await page.GetByTestId("grand-total").InnerTextAsync(), charged);
        await Screenshots.AtBothWidthsAsync(page, "currency-checkout");
        Assert.Empty(adminErrors);
        Assert.Empty(errors);
    }

    [GeneratedRegex(@"You are charged ₹[\d,]+\.\d\d INR")]
    private static partial Regex Charged();
}

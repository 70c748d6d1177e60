using Microsoft.Playwright;
using Shop.Testing;

namespace Shop.BrowserTests;

public sealed class PaymentJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_guest_pays_with_the_sandbox_is_declined_and_pays_again_with_UPI()
    {
        await browser.Shop.EnsureShippingAsync();
        var catalog = await CatalogClient.CreateAsync(browser.Shop);
        var category = await catalog.CategoryAsync("Jewellery");
        var product = await catalog.ProductAsync(CatalogClient.Unique("Temple Jhumka"), category.GetProperty("id").GetString()!,
            [CatalogClient.Variant("JHM-" + Guid.NewGuid().ToString("N")[..6], 1450m, stock: 3)]);
        var (page, errors) = await browser.NewPageAsync();

        await page.GotoAsync($"/p/{product.GetProperty("slug").GetString()}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to cart" }).ClickAsync();
        await page.GetByText("Added to your cart.").WaitForAsync();
        await page.GotoAsync("/checkout");
        await page.GetByLabel("Email").FillAsync(ApiClient.NewEmail("payer"));
        await CheckoutForm.FillShippingAsync(page, new("Lakshmi Menon", "+91 94470 22222", "3 Beach Road", "Kochi", "Kerala", "682001"));
        await page.GetByLabel("Card, UPI or net banking (sandbox)").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Review order" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Place order" }).ClickAsync();

        await page.GetByRole(AriaRole.Heading, new() { Name = "Pay ₹1,450.00" }).WaitForAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "sandbox-payment.png"), FullPage = true });
        await page.GetByLabel("Card number").FillAsync("4000 0000 0000 0002");
        await page.GetByRole(AriaRole.Button, new() { Name = "Pay by card" }).ClickAsync();

        // Back on the order page at once: it says what happened, not "thank you".
        Assert.Contains("Your payment failed: Your card was declined.", await page.GetByTestId("payment-failed").InnerTextAsync());
        Assert.Equal(0, await page.GetByText("Thank you!").CountAsync());
        Assert.Equal("Pending payment", await page.GetByTestId("order-status").InnerTextAsync());
        await Screenshots.AtBothWidthsAsync(page, "payment-failed");
        await ReloadUntilAsync(page, async () => (await page.GetByTestId("timeline").InnerTextAsync()).Contains("Payment failed: Your card was declined."));

        await page.GetByRole(AriaRole.Button, new() { Name = "Pay now: Card, UPI or net banking (sandbox)" }).ClickAsync();
        await page.GetByLabel("UPI ID").FillAsync("success@upi");
        await page.GetByRole(AriaRole.Button, new() { Name = "Pay with UPI" }).ClickAsync();

        await ReloadUntilAsync(page, async () => await page.GetByTestId("order-status").InnerTextAsync() == "Paid");
        Assert.Equal(1, await page.GetByRole(AriaRole.Link, new() { Name = "Download invoice (PDF)" }).CountAsync());
        Assert.Contains("Payment: Card, UPI or net banking (sandbox) · paid", await page.Locator("main").InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "order-paid.png"), FullPage = true });
        Assert.Empty(errors);

        var orderId = new Uri(page.Url).AbsolutePath.Split('/')[2];
        var adminEmail = ApiClient.NewEmail("admin");
        await browser.Shop.RegisterConfirmedAsync(adminEmail);
        await browser.Shop.GrantRolesAsync(adminEmail, "admin");
        var (admin, adminErrors) = await browser.NewPageAsync();
        await SignIn.AsAsync(admin, adminEmail);
        await admin.GotoAsync($"/admin/orders/{orderId}");
        await admin.GetByLabel("Amount (₹)").FillAsync("450");
        await admin.GetByLabel("Reason").Last.FillAsync("One earring was bent");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Refund", Exact = true }).ClickAsync();
        await admin.GetByText("The order was updated.").WaitForAsync();
        Assert.Equal("Paid ₹1,450.00 · refunded ₹450.00", await admin.GetByTestId("refund-state").InnerTextAsync());
        await admin.GetByLabel("Amount (₹)").FillAsync("1000");
        await admin.GetByLabel("Reason").Last.FillAsync("The pair cannot be sold without it");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Refund", Exact = true }).ClickAsync();
        await admin.GetByText("The order was updated.").WaitForAsync();
        Assert.Equal("Paid ₹1,450.00 · refunded ₹1,450.00", await admin.GetByTestId("refund-state").InnerTextAsync());
        await ReloadUntilAsync(admin, async () => (await admin.GetByTestId("timeline").InnerTextAsync()).Contains("Refund of ₹1,000.00 issued"));
        var timeline = await admin.GetByTestId("timeline").InnerTextAsync();
        Assert.Contains("Payment of ₹1,450.00 received.", timeline);
        Assert.Contains("Refund of ₹450.00 issued: One earring was bent", timeline);
        Assert.DoesNotContain("INR", timeline);
        await Screenshots.AtBothWidthsAsync(admin, "admin-order-refunded");
        Assert.Empty(adminErrors);
    }

    /// <summary>The order takes in a payment's result moments after the callback (through the outbox); the buyer reloads.</summary>
    private static async Task ReloadUntilAsync(IPage page, Func<Task<bool>> done)
    {
        await page.GetByTestId("order-status").WaitForAsync();
        for (var attempt = 0; attempt < 100 && !await done(); attempt++)
        {
            await page.WaitForTimeoutAsync(200);
            await page.ReloadAsync();
        }
        Assert.True(await done(), "The order page never showed the payment's result.");
    }
}

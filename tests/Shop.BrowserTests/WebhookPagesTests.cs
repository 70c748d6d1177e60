using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Shop.Testing;

namespace Shop.BrowserTests;

public sealed class WebhookPagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_seller_adds_an_endpoint_sees_its_secret_once_and_then_the_delivery_log()
    {
        var shop = browser.Shop;
        await using var receiver = await WebhookReceiver.StartAsync();
        var (seller, sellerEmail) = await shop.SignedInClientAsync("seller", "seller");
        var (admin, _) = await shop.SignedInClientAsync("admin", "admin");
        var catalog = new CatalogClient(shop, admin, seller);
        var (page, errors) = await browser.NewPageAsync();
        await SignIn.AsAsync(page, sellerEmail);

        await page.GotoAsync("/seller");
        await page.GetByRole(AriaRole.Link, new() { Name = "Webhooks" }).First.ClickAsync();
        await page.GetByLabel("URL").FillAsync(receiver.Url + "/erp");
        await page.GetByLabel("product.updated").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add endpoint" }).ClickAsync();
        var secret = await page.GetByTestId("secret").InnerTextAsync();
        Assert.StartsWith("whsec_", secret);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "seller-webhook-created.png"), FullPage = true });

        var category = await catalog.CategoryAsync("Hooked");
        await catalog.ProductAsync(CatalogClient.Unique("Ikat Cushion"), category.GetProperty("id").GetString()!, [CatalogClient.Variant("IK-" + Guid.NewGuid().ToString("N")[..6], 700m)]);
        var received = await Eventually.GetAsync(() => Task.FromResult(receiver.At("/erp")), r => r.Count == 1, "the product.updated delivery");
        Assert.True(WebhookReceiver.Verify(secret, received[0], TimeSpan.FromMinutes(5)));

        await page.GetByRole(AriaRole.Link, new() { Name = "Open the endpoint and its delivery log" }).ClickAsync();
        await Eventually.TrueAsync(async () =>
        {
            await page.ReloadAsync();
            return (await page.GetByTestId("deliveries").CountAsync()) == 1 && (await page.GetByTestId("deliveries").InnerTextAsync()).Contains("delivered (200)");
        }, "the delivery in the log");
        Assert.Contains("product.updated", await page.GetByTestId("deliveries").InnerTextAsync());
        Assert.DoesNotContain(secret, await page.ContentAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "seller-webhook-log.png"), FullPage = true });

        await page.GetByRole(AriaRole.Button, new() { Name = "Replay" }).ClickAsync();
        await page.GetByText("The event is on its way again as a new delivery.").WaitForAsync();
        await Eventually.GetAsync(() => Task.FromResult(receiver.At("/erp")), r => r.Count == 2, "the replayed delivery");
        await page.GetByRole(AriaRole.Button, new() { Name = "Pause" }).ClickAsync();
        await page.GetByText("Paused: deliveries wait until you resume.").WaitForAsync();
        Assert.Equal("paused", await page.GetByTestId("endpoint-status").InnerTextAsync());
        Assert.Empty(errors);
    }
}

using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Shop.Testing;
using Shop.Web.Modules.Notifications.Contracts;
using Shop.Web.Platform.Database;

namespace Shop.BrowserTests;

public sealed class NotificationPagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static Task Screenshot(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, name), FullPage = true });

    [Fact]
    public async Task The_bell_counts_unread_notifications_and_people_open_mark_and_choose_them()
    {
        var shop = browser.Shop;
        await shop.EnsureShippingAsync();
        var (admin, _) = await shop.SignedInClientAsync("admin", "admin");
        var (seller, sellerEmail) = await shop.SignedInClientAsync("seller", "seller");
        var catalog = new CatalogClient(shop, admin, seller);
        var category = await catalog.CategoryAsync("Lamps");
        var product = await catalog.ProductAsync(CatalogClient.Unique("Brass Lamp"), category.GetProperty("id").GetString()!,
            [CatalogClient.Variant("LMP-" + Guid.NewGuid().ToString("N")[..6], 900m)]);
        var (customer, customerEmail) = await shop.SignedInClientAsync("bell");
        await customer.AddToCartAsync(Guid.Parse(product.GetProperty("variants")[0].GetProperty("id").GetString()!));
        var order = await CatalogClient.Expect(await customer.CheckoutAsync(email: null), HttpStatusCode.Created);
        var number = order.GetProperty("number").GetString()!;
        await shop.WaitForMailAsync(sellerEmail, $"New order to fulfil: {number}");

        var (page, errors) = await browser.NewPageAsync();
        await SignIn.AsAsync(page, customerEmail);
        Assert.Equal("1", await page.GetByTestId("unread-count").InnerTextAsync());
        // The header script refreshes the bell from the API with the page's own sign-in.
        Assert.Equal(1, await page.EvaluateAsync<int>("async () => (await (await fetch('/api/v1/notifications?pageSize=1')).json()).unreadCount"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Notifications, 1 unread" }).ClickAsync();
        var entry = page.GetByTestId("notification").Filter(new() { HasText = number });
        await entry.WaitForAsync();
        Assert.Contains("New", await entry.InnerTextAsync());
        await Screenshot(page, "notifications.png");
        await entry.GetByRole(AriaRole.Button, new() { Name = "Open" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = $"Order {number}" }).WaitForAsync();
        Assert.False(await page.GetByTestId("unread-count").IsVisibleAsync());

        var (sellerPage, sellerErrors) = await browser.NewPageAsync();
        await SignIn.AsAsync(sellerPage, sellerEmail);
        await sellerPage.GotoAsync("/notifications");
        await sellerPage.GetByRole(AriaRole.Button, new() { Name = "Mark all read" }).ClickAsync();
        await sellerPage.GetByText("Nothing unread.").WaitForAsync();

        await sellerPage.GotoAsync("/account/notifications");
        Assert.True(await sellerPage.GetByLabel("Order placed by email").IsDisabledAsync());
        var lowStockEmail = sellerPage.GetByLabel("Low stock by email");
        Assert.True(await lowStockEmail.IsCheckedAsync());
        await lowStockEmail.UncheckAsync();
        await sellerPage.GetByRole(AriaRole.Button, new() { Name = "Save choices" }).ClickAsync();
        await sellerPage.GetByText("Your choices were saved.").WaitForAsync();
        Assert.False(await sellerPage.GetByLabel("Low stock by email").IsCheckedAsync());
        Assert.True(await sellerPage.GetByLabel("Low stock in the app").IsCheckedAsync());
        await Screenshot(sellerPage, "notification-settings.png");
        Assert.Empty(errors);
        Assert.Empty(sellerErrors);
    }

    [Fact]
    public async Task An_admin_sees_a_failed_email_retries_it_and_previews_the_templates()
    {
        var shop = browser.Shop;
        var (_, adminEmail) = await shop.SignedInClientAsync("admin", "admin");
        var to = ApiClient.NewEmail("bounced");
        await using (var scope = shop.Services.CreateAsyncScope())
        {
            // An email whose every try failed: queued and dead-lettered in one transaction, before any dispatcher can take it.
            var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await scope.ServiceProvider.GetRequiredService<INotifier>().NotifyAsync(new Notice(NotificationKind.AccountExists, new Recipient(null, to, "Ravi"),
                new AccountExistsModel("/account/sign-in", "/account/forgot-password")), CancellationToken.None);
            await db.SaveChangesAsync();
            await db.Database.ExecuteSqlRawAsync("""
                UPDATE platform.outbox_messages SET dead_lettered_at = now(), attempts = 10, last_error = '550 Mailbox unavailable'
                 WHERE type = 'notifications.email-queued' AND processed_at IS NULL
                """);
            await transaction.CommitAsync();
        }

        var (page, errors) = await browser.NewPageAsync();
        await SignIn.AsAsync(page, adminEmail);
        await page.GotoAsync("/admin/notifications/failed");
        var row = page.GetByTestId("failed-delivery").Filter(new() { HasText = to });
        Assert.Contains("550 Mailbox unavailable", await row.InnerTextAsync());
        Assert.Contains("Email: You already have a Bazaar account", await row.InnerTextAsync());
        await Screenshot(page, "failed-deliveries.png");
        await row.GetByRole(AriaRole.Button, new() { Name = "Retry" }).ClickAsync();
        await page.GetByText("Sent for another try.").WaitForAsync();
        await shop.WaitForMailAsync(to, "You already have a Bazaar account");
        await page.GotoAsync("/admin/notifications/failed");
        Assert.Equal(0, await page.GetByTestId("failed-delivery").Filter(new() { HasText = to }).CountAsync());

        await page.GetByRole(AriaRole.Link, new() { Name = "Email templates" }).First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Order shipped" }).ClickAsync();
        await page.GetByTestId("preview-subject").Filter(new() { HasText = "Your order SH-2026-7K4M9QXR is shipped" }).WaitForAsync();
        Assert.Contains("Tracking number: DL123456789IN", await page.GetByTestId("preview-text").InnerTextAsync());
        await page.FrameLocator("iframe.email-frame").GetByText("Track the parcel").WaitForAsync();
        await Screenshot(page, "email-template-preview.png");
        Assert.Empty(errors);
    }
}

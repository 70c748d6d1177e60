using Microsoft.Playwright;
using Shop.Testing;

namespace Shop.BrowserTests;

public sealed class SupportJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static Task Screenshot(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, name), FullPage = true });

    [Fact]
    public async Task A_customer_asks_about_an_order_from_the_contact_form_finds_it_in_their_account_and_replies()
    {
        await browser.Shop.EnsureShippingAsync();
        var catalog = await CatalogClient.CreateAsync(browser.Shop);
        var category = await catalog.CategoryAsync("Asked about");
        var product = await catalog.ProductAsync(CatalogClient.Unique("Brass Diya Set"), category.GetProperty("id").GetString()!,
            [CatalogClient.Variant("DIY-" + Guid.NewGuid().ToString("N")[..6], 849m, stock: 5)]);
        var (customerApi, customerEmail) = await browser.Shop.SignedInClientAsync("asker");
        await customerApi.AddToCartAsync(product.GetProperty("variants")[0].GetProperty("id").GetGuid());
        var order = await CatalogClient.Expect(await customerApi.CheckoutAsync(email: null), System.Net.HttpStatusCode.Created);
        var number = order.GetProperty("number").GetString()!;

        var (page, errors) = await browser.NewPageAsync();
        await SignIn.AsAsync(page, customerEmail);
        await page.GotoAsync("/support");
        await page.GetByRole(AriaRole.Link, new() { Name = "Write to us" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Contact us" }).WaitForAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await page.GetByText("Choose what your question is about.").WaitForAsync();
        await page.GetByText("Write your message.").WaitForAsync();
        await page.Locator("main").GetByLabel("What is it about?").SelectOptionAsync(new SelectOptionValue { Label = "An order" });
        await page.Locator("main").GetByLabel("Order (optional)").SelectOptionAsync(new SelectOptionValue { Value = order.GetProperty("id").GetString()! });
        await page.Locator("main").GetByLabel("Message").FillAsync("When will my diyas ship?\nI need them before Diwali.");
        await Screenshot(page, "support-contact.png");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await page.GetByText("Thank you! We received your question").WaitForAsync();
        Assert.Contains(number, await page.Locator("main").InnerTextAsync());

        await page.GetByRole(AriaRole.Link, new() { Name = "Support", Exact = true }).ClickAsync();
        var row = page.GetByTestId("conversation-row");
        Assert.Equal(1, await row.CountAsync());
        Assert.Contains("When will my diyas ship?", await row.InnerTextAsync());
        Assert.Contains("Open", await row.InnerTextAsync());
        await Screenshot(page, "support-conversations.png");
        await row.GetByRole(AriaRole.Link, new() { Name = "An order" }).ClickAsync();
        await page.Locator("main").GetByLabel("Your reply").FillAsync("Gift wrap them, please.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send reply" }).ClickAsync();
        // The page is live: the reply is sent through the hub and appears in the thread, stored, without a reload.
        var messages = page.Locator("[data-chat-messages] li[data-message-id]");
        await messages.Filter(new() { HasText = "Gift wrap them, please." }).WaitForAsync();
        Assert.Equal(2, await messages.CountAsync());
        Assert.Contains("Gift wrap them, please.", await messages.Nth(1).InnerTextAsync());
        await Screenshot(page, "support-conversation.png");

        var (phone, phoneErrors) = await browser.NewPageAsync(390, 844);
        await SignIn.AsAsync(phone, customerEmail);
        foreach (var (path, name) in new[] { ("/contact", "support-contact-phone.png"), ("/account/support", "support-conversations-phone.png"), (page.Url, "support-conversation-phone.png") })
        {
            await phone.GotoAsync(path);
            Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 390"), $"{path} is wider than the phone");
            await Screenshot(phone, name);
        }
        Assert.True(errors.Count == 0, string.Join('\n', errors));
        Assert.True(phoneErrors.Count == 0, string.Join('\n', phoneErrors));
    }
    [Fact]
    public async Task A_guest_asks_without_an_account_and_replies_on_the_page_the_email_links_to()
    {
        var (page, errors) = await browser.NewPageAsync(390, 844);
        await page.GotoAsync("/contact");
        await page.Locator("main").GetByLabel("What is it about?").SelectOptionAsync(new SelectOptionValue { Label = "Payment" });
        await page.Locator("main").GetByLabel("Message").FillAsync("Was my card charged twice?");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await page.GetByText("Tell us your name.").WaitForAsync();
        await page.Locator("main").GetByLabel("Your name").FillAsync("Meera Iyer");
        await page.Locator("main").GetByLabel("Your email").FillAsync(ApiClient.NewEmail("guest"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await page.GetByText("Thank you! We received your question").WaitForAsync();
        Assert.Contains("access=", page.Url);

        await page.Locator("main").GetByLabel("Your reply").FillAsync("It was order SH-1.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send reply" }).ClickAsync();
        await page.Locator("[data-chat-messages] li[data-message-id]", new() { HasText = "It was order SH-1." }).WaitForAsync();
        Assert.Equal(2, await page.Locator("[data-chat-messages] li[data-message-id]").CountAsync());
        Assert.Equal(0, await page.Locator("nav.account-nav").CountAsync());
        await Screenshot(page, "support-guest-conversation-phone.png");
        Assert.Empty(errors);
    }
}

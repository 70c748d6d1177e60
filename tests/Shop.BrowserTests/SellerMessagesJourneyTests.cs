using System.Net.Http.Json;
using Microsoft.Playwright;
using Shop.Testing;

namespace Shop.BrowserTests;

/// <summary>
/// Buyer-seller messages in Chromium: a guest asks the seller from a product page, signs in on the way and
/// sends the question; the seller answers at /seller/messages; the customer reads the answer, under the
/// seller's name, at /account/support; when an admin steps in, every reader sees which side wrote each message.
/// The pages are photographed at desktop and phone widths.
/// </summary>
public sealed class SellerMessagesJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static Task Screenshot(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, name), FullPage = true });

    [Fact]
    public async Task A_customer_asks_the_seller_from_a_product_page_the_seller_answers_and_the_customer_reads_the_answer()
    {
        var catalog = await CatalogClient.CreateAsync(browser.Shop);
        var (sellerApi, sellerEmail) = await browser.Shop.SignedInClientAsync("lampseller", "seller");
        var category = await catalog.CategoryAsync("Lamps");
        var product = await catalog.ProductAsync(CatalogClient.Unique("Brass Lamp"), category.GetProperty("id").GetString()!,
            [CatalogClient.Variant("LMP-" + Guid.NewGuid().ToString("N")[..6], 1299m, stock: 5)], client: sellerApi);
        var productPath = $"/p/{product.GetProperty("slug").GetString()}";
        var (_, customerEmail) = await browser.Shop.SignedInClientAsync("asker");

        // A guest is sent to sign in and comes back to the question form.
        var (page, errors) = await browser.NewPageAsync();
        page.Response += (_, response) => { if (response.Status >= 400) errors.Add($"{response.Status} {response.Url}"); };
        await page.GotoAsync(productPath);
        await Screenshot(page, "seller-ask-product.png");
        await page.GetByTestId("ask-seller").ClickAsync();
        await page.WaitForURLAsync("**/account/sign-in**");
        Assert.Contains("ask-seller", Uri.UnescapeDataString(page.Url));
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync(customerEmail);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(ApiClient.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync("**/account/support/ask-seller**");
        Assert.Contains(product.GetProperty("title").GetString()!, await page.GetByTestId("ask-about").InnerTextAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Send to the seller" }).ClickAsync();
        await page.GetByText("Write your message.").WaitForAsync();
        await page.GetByLabel("Your message").FillAsync("Does the lamp take an E27 bulb?");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send to the seller" }).ClickAsync();
        await page.GetByText("Your message was sent to").WaitForAsync();
        var sellerName = await page.GetByTestId("conversation-seller").InnerTextAsync();
        var conversationUrl = page.Url.Split('?')[0];
        // Away from the conversation: on its page, the answer would arrive live and be read at once.
        await page.GotoAsync("/account/support");

        // The seller finds it in their messages, unread, and answers.
        var (seller, sellerErrors) = await browser.NewPageAsync();
        seller.Response += (_, response) => { if (response.Status >= 400) sellerErrors.Add($"{response.Status} {response.Url}"); };
        await SignIn.AsAsync(seller, sellerEmail);
        await seller.GotoAsync("/seller/messages");
        Assert.Equal("1", await seller.GetByTestId("messages-unread").InnerTextAsync());
        var row = seller.GetByTestId("thread-row");
        Assert.Equal(1, await row.CountAsync());
        Assert.Contains("Does the lamp take an E27 bulb?", await row.InnerTextAsync());
        Assert.Contains("1 new", await row.InnerTextAsync());
        await Screenshot(seller, "seller-messages.png");
        await row.GetByRole(AriaRole.Link).First.ClickAsync();
        await seller.GetByLabel("Your answer").FillAsync("Yes, any E27 bulb up to 40 W.");
        await seller.GetByRole(AriaRole.Button, new() { Name = "Send answer" }).ClickAsync();
        await seller.GetByText("Your answer was sent to the customer.").WaitForAsync();
        Assert.Equal(2, await seller.GetByTestId("message").CountAsync());
        Assert.Equal(0, await seller.GetByTestId("messages-unread").CountAsync());
        await Screenshot(seller, "seller-thread.png");
        var threadUrl = seller.Url.Split('?')[0];

        // The customer reads the answer under the seller's name.
        await page.GotoAsync("/account/support");
        var conversation = page.GetByTestId("conversation-row");
        Assert.Contains("1 new", await conversation.InnerTextAsync());
        await page.GotoAsync(conversationUrl);
        var answer = page.GetByTestId("message").Nth(1);
        Assert.Contains("Yes, any E27 bulb up to 40 W.", await answer.InnerTextAsync());
        Assert.Contains(sellerName, await answer.InnerTextAsync());
        Assert.DoesNotContain("Support", await answer.Locator("strong").InnerTextAsync());

        var (phone, phoneErrors) = await browser.NewPageAsync(390, 844);
        phone.Response += (_, response) => { if (response.Status >= 400) phoneErrors.Add($"{response.Status} {response.Url}"); };
        await SignIn.AsAsync(phone, sellerEmail);
        foreach (var (path, name) in new[] { ("/seller/messages", "seller-messages-phone.png"), (threadUrl, "seller-thread-phone.png"), (productPath, "seller-ask-product-phone.png") })
        {
            await phone.GotoAsync(path);
            Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 390"), $"{path} is wider than the phone");
            await Screenshot(phone, name);
        }
        Assert.True(errors.Count == 0, string.Join("\n", errors) + " at " + page.Url);
        Assert.True(sellerErrors.Count == 0, string.Join("\n", sellerErrors));
        Assert.True(phoneErrors.Count == 0, string.Join("\n", phoneErrors));
    }

    [Fact]
    public async Task A_customer_messages_the_seller_of_an_order_reports_the_answer_and_an_admin_handles_it_and_steps_in()
    {
        await browser.Shop.EnsureShippingAsync();
        var catalog = await CatalogClient.CreateAsync(browser.Shop);
        var category = await catalog.CategoryAsync("Kurtas");
        var (sellerApi, sellerEmail) = await browser.Shop.SignedInClientAsync("kurtaseller", "seller");
        var product = await catalog.ProductAsync(CatalogClient.Unique("Cotton Kurta"), category.GetProperty("id").GetString()!,
            [CatalogClient.Variant("KUR-" + Guid.NewGuid().ToString("N")[..6], 799m, stock: 5)], client: sellerApi);
        var (customerApi, customerEmail) = await browser.Shop.SignedInClientAsync("buyer");
        await customerApi.AddToCartAsync(product.GetProperty("variants")[0].GetProperty("id").GetGuid());
        var order = await CatalogClient.Expect(await customerApi.CheckoutAsync(email: null), System.Net.HttpStatusCode.Created);
        var (_, adminEmail) = await browser.Shop.SignedInClientAsync("moderator", "admin");

        var (page, errors) = await browser.NewPageAsync();
        await SignIn.AsAsync(page, customerEmail);
        await page.GotoAsync($"/orders/{order.GetProperty("id").GetString()}");
        await page.GetByTestId("message-seller").ClickAsync();
        Assert.Contains(order.GetProperty("number").GetString()!, await page.GetByTestId("ask-about").InnerTextAsync());
        await page.GetByLabel("Your message").FillAsync("Can you ship it before Friday?");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send to the seller" }).ClickAsync();
        await page.GetByText("Your message was sent to").WaitForAsync();
        var conversationPath = new Uri(page.Url).AbsolutePath;
        var threadId = conversationPath.Split('/').Last();

        await CatalogClient.Expect(await sellerApi.PostAsJsonAsync($"/api/v1/support/seller/threads/{threadId}/messages",
            new { body = "Only if you pay me by bank transfer." }), System.Net.HttpStatusCode.Created);
        await page.ReloadAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Report" }).ClickAsync();
        await page.GetByLabel("What is wrong?").FillAsync("Asks me to pay outside the shop.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Report to the admins" }).ClickAsync();
        await page.GetByText("The admins will look at the message you reported.").WaitForAsync();

        var (admin, adminErrors) = await browser.NewPageAsync();
        await SignIn.AsAsync(admin, adminEmail);
        await admin.GotoAsync("/admin/messages/reports");
        var report = admin.GetByTestId("report").Filter(new() { HasText = "Asks me to pay outside the shop." });
        Assert.Contains("Only if you pay me by bank transfer.", await report.InnerTextAsync());
        Assert.Equal("Seller", await report.GetByTestId("side").InnerTextAsync());
        await Screenshot(admin, "admin-message-reports.png");
        await report.GetByLabel("Note (what you did)").FillAsync("Warned the seller.");
        await report.GetByRole(AriaRole.Button, new() { Name = "Mark handled" }).ClickAsync();
        await admin.GetByText("The report was closed.").WaitForAsync();
        Assert.Equal(0, await admin.GetByTestId("report").Filter(new() { HasText = "Asks me to pay outside the shop." }).CountAsync());

        await admin.GotoAsync($"/admin/messages/{threadId}");
        await admin.GetByLabel("Your message", new() { Exact = true }).FillAsync("Please pay only through the shop; the seller will ship by Friday.");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Post" }).ClickAsync();
        await admin.GetByText("Your message was posted in the thread.").WaitForAsync();
        Assert.Contains("An admin joined the conversation", await admin.Locator("main").InnerTextAsync());
        // Whoever reads the thread, each message says which side wrote it, so the admin's words never pass for the seller's.
        Assert.Equal(["Customer", "Seller", "Shop staff"], await admin.GetByTestId("message").GetByTestId("side").AllInnerTextsAsync());
        await Screenshot(admin, "admin-seller-thread.png");

        await page.GotoAsync(conversationPath);
        var last = page.GetByTestId("message").Last;
        Assert.Contains("Please pay only through the shop", await last.InnerTextAsync());
        Assert.Contains("Support", await last.Locator("strong").InnerTextAsync());
        Assert.Equal(["Seller", "Shop staff"], await page.GetByTestId("message").GetByTestId("side").AllInnerTextsAsync());
        await Screenshot(page, "seller-thread-customer.png");

        var (sellerPage, sellerErrors) = await browser.NewPageAsync();
        await SignIn.AsAsync(sellerPage, sellerEmail);
        await sellerPage.GotoAsync($"/seller/messages/{threadId}");
        Assert.Equal(["Customer", "Shop staff"], await sellerPage.GetByTestId("message").GetByTestId("side").AllInnerTextsAsync());
        Assert.Equal("Support", await sellerPage.GetByTestId("author").Last.InnerTextAsync());

        foreach (var (reader, path, name) in new[] { (page, conversationPath, "seller-thread-customer-phone.png"), (admin, $"/admin/messages/{threadId}", "admin-seller-thread-phone.png"),
            (sellerPage, $"/seller/messages/{threadId}", "seller-thread-stepped-in-phone.png") })
        {
            await reader.SetViewportSizeAsync(390, 844);
            await reader.GotoAsync(path);
            Assert.True(await reader.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 390"), $"{path} is wider than the phone");
            Assert.Contains("Shop staff", await reader.GetByTestId("message").Last.InnerTextAsync());
            await Screenshot(reader, name);
        }
        Assert.Empty(errors);
        Assert.Empty(adminErrors);
        Assert.Empty(sellerErrors);
    }
}

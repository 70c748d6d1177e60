using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using Shop.Testing;

namespace Shop.BrowserTests;

/// <summary>
/// An agent works the console in Chromium: finds a customer's question in the queue, takes it, answers with a
/// canned reply, leaves a note, resolves it; the customer then rates the help. Screenshots at 1366 and 390 px.
/// </summary>
public sealed class SupportConsoleJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string ConsoleApi = "/api/v1/support/console";

    private static Task Screenshot(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, name), FullPage = true });

    [Fact]
    public async Task An_agent_takes_a_question_from_the_queue_answers_with_a_canned_reply_notes_and_resolves_and_the_customer_rates_it()
    {
        var shop = browser.Shop;
        await shop.EnsureShippingAsync();
        var catalog = await CatalogClient.CreateAsync(shop);
        var category = await catalog.CategoryAsync("Console journey");
        var product = await catalog.ProductAsync(CatalogClient.Unique("Kanjivaram Silk Saree"), category.GetProperty("id").GetString()!,
            [CatalogClient.Variant("KAN-" + Guid.NewGuid().ToString("N")[..6], 12499m, stock: 5)]);
        var variant = product.GetProperty("variants")[0].GetProperty("id").GetGuid();

        var customerEmail = ApiClient.NewEmail("kavya");
        await shop.RegisterConfirmedAsync(customerEmail, name: "Kavya Menon");
        var customer = shop.BearerClient((await shop.LoginAsync(customerEmail)).AccessToken);
        await customer.AddToCartAsync(variant);
        var order = await CatalogClient.Expect(await customer.CheckoutAsync(email: null), HttpStatusCode.Created);
        await customer.AddToCartAsync(variant);
        var marker = Guid.NewGuid().ToString("N")[..6];
        var question = $"My saree (order {order.GetProperty("number").GetString()}) arrived with a torn pallu. Can I return it? Ref {marker}";
        var id = (await CatalogClient.Expect(await customer.PostAsJsonAsync("/api/v1/support/conversations",
            new { topic = "returns", message = question, orderId = order.GetProperty("id").GetString() }), HttpStatusCode.Created)).GetProperty("id").GetString()!;

        var agentEmail = ApiClient.NewEmail("neha");
        await shop.RegisterConfirmedAsync(agentEmail, name: "Neha Kapoor");
        await shop.GrantRolesAsync(agentEmail, "support");
        var agentApi = shop.BearerClient((await shop.LoginAsync(agentEmail)).AccessToken);
        var shortcut = "torn-" + marker;
        await CatalogClient.Expect(await agentApi.PostAsJsonAsync($"{ConsoleApi}/canned-replies",
            new { shortcut, title = "Damaged on arrival", body = "So sorry, {name}! We will collect it and send a replacement." }), HttpStatusCode.Created);
        await OtherQuestionsAsync(shop, agentApi, marker);

        var (page, errors) = await browser.NewPageAsync();
        await SignIn.AsAsync(page, agentEmail);
        await page.Locator("header").GetByRole(AriaRole.Link, new() { Name = "Support console" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Support queue" }).WaitForAsync();
        await page.GetByLabel("Search messages").FillAsync(marker);
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("q=" + marker));
        var rows = page.GetByTestId("queue-row");
        Assert.Equal(4, await rows.CountAsync());
        await Screenshot(page, "support-console-queue.png");
        var row = page.Locator($"[data-conversation='{id}']");
        Assert.Contains("Kavya Menon", await row.InnerTextAsync());
        await row.GetByRole(AriaRole.Link, new() { Name = "Returns and refunds" }).ClickAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Take it" }).ClickAsync();
        await page.GetByText("The conversation is yours.").WaitForAsync();
        Assert.Contains("With Neha Kapoor", await page.GetByTestId("console-assignee").InnerTextAsync());

        // The helper expands the shortcut in the box as soon as a space follows it.
        var box = page.Locator("#reply-body");
        await box.PressSequentiallyAsync($"/{shortcut} ");
        Assert.StartsWith("So sorry, Kavya! We will collect it", await box.InputValueAsync());
        await box.FillAsync($"/{shortcut}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send reply" }).ClickAsync();
        await page.GetByText("Your reply was sent.").WaitForAsync();
        var last = page.GetByTestId("console-message").Last;
        Assert.Contains("So sorry, Kavya! We will collect it and send a replacement.", await last.InnerTextAsync());

        await page.GetByText("Add an internal note").ClickAsync();
        await page.GetByLabel("Note for agents (the customer never sees it)").FillAsync("Second torn saree from this seller this month; flag to seller team.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
        await page.GetByText("Your note was added; only agents see it.").WaitForAsync();
        Assert.Equal("note", await page.GetByTestId("console-message").Last.GetAttributeAsync("data-author"));
        Assert.Contains("Internal note", await page.GetByTestId("console-message").Last.InnerTextAsync());
        Assert.Contains(order.GetProperty("number").GetString()!, await page.GetByTestId("customer-orders").InnerTextAsync());
        Assert.Contains("Kanjivaram Silk Saree", await page.GetByTestId("customer-cart").InnerTextAsync());
        await Screenshot(page, "support-console-conversation.png");

        var (phone, phoneErrors) = await browser.NewPageAsync(390, 844);
        await SignIn.AsAsync(phone, agentEmail);
        foreach (var (path, name) in new[] { ($"/support/console?q={marker}", "support-console-queue-phone.png"), ($"/support/console/conversations/{id}", "support-console-conversation-phone.png") })
        {
            await phone.GotoAsync(path);
            Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 390"), $"{path} is wider than the phone");
            await Screenshot(phone, name);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Resolve" }).ClickAsync();
        await page.GetByText("The conversation is resolved").WaitForAsync();
        Assert.Equal("Resolved", await page.GetByTestId("console-status").InnerTextAsync());

        var (customerPage, customerErrors) = await browser.NewPageAsync();
        await SignIn.AsAsync(customerPage, customerEmail);
        await customerPage.GotoAsync($"/account/support/{id}");
        var thread = await customerPage.Locator("main").InnerTextAsync();
        Assert.Contains("So sorry, Kavya!", thread);
        Assert.DoesNotContain("flag to seller team", thread);
        var rate = customerPage.GetByTestId("rate-help");
        await rate.GetByLabel("Good").CheckAsync();
        await rate.GetByLabel("Comment (optional)").FillAsync("Quick and kind, thank you.");
        await rate.GetByRole(AriaRole.Button, new() { Name = "Send rating" }).ClickAsync();
        await customerPage.GetByText("Thank you for rating our help.").WaitForAsync();
        Assert.Contains("Quick and kind", await customerPage.GetByTestId("rate-help").InnerTextAsync());
        await Screenshot(customerPage, "support-rating.png");

        await page.GotoAsync("/support/console/figures");
        var figure = page.GetByTestId("figure-row").Filter(new() { HasText = "Neha Kapoor" });
        Assert.Equal("4.0", await figure.GetByTestId("rating").InnerTextAsync());
        await Screenshot(page, "support-console-figures.png");
        await page.GotoAsync("/support/console/canned-replies");
        await Screenshot(page, "support-console-canned.png");
        Assert.Empty(errors);
        Assert.Empty(phoneErrors);
        Assert.Empty(customerErrors);
    }

    /// <summary>Three more questions in the queue, as a help desk has: a guest's, an urgent one taken by the agent, a high one.</summary>
    private static async Task OtherQuestionsAsync(LiveShopFactory shop, HttpClient agent, string marker)
    {
        await CatalogClient.Expect(await shop.CreateClient().PostAsJsonAsync("/api/v1/support/conversations",
            new { topic = "payment", message = $"UPI payment went through twice for one order. Ref {marker}", name = "Lakshmi Narayanan", email = ApiClient.NewEmail("lakshmi") }),
            HttpStatusCode.Created);
        var (other, _) = await shop.SignedInClientAsync("rahul");
        var urgent = await CatalogClient.Expect(await other.PostAsJsonAsync("/api/v1/support/conversations",
            new { topic = "account", message = $"Someone changed my account email without asking me! Ref {marker}" }), HttpStatusCode.Created);
        var high = await CatalogClient.Expect(await other.PostAsJsonAsync("/api/v1/support/conversations",
            new { topic = "order", message = $"Delivery was promised for Saturday, still nothing. Ref {marker}" }), HttpStatusCode.Created);
        await CatalogClient.Expect(await agent.PostAsJsonAsync($"{ConsoleApi}/conversations/{urgent.GetProperty("id").GetString()}/priority", new { priority = "urgent" }), HttpStatusCode.OK);
        await CatalogClient.Expect(await agent.PostAsync($"{ConsoleApi}/conversations/{urgent.GetProperty("id").GetString()}/take", null), HttpStatusCode.OK);
        await CatalogClient.Expect(await agent.PostAsJsonAsync($"{ConsoleApi}/conversations/{high.GetProperty("id").GetString()}/priority", new { priority = "high" }), HttpStatusCode.OK);
    }
}

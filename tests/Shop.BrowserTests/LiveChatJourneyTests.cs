using Microsoft.Playwright;
using Shop.Testing;
using Shop.Web.Platform.Media;

namespace Shop.BrowserTests;

/// <summary>
/// Live chat in Chromium: the launcher on every page (a link to the contact form without JavaScript), a
/// guest chatting with an agent in a second browser, live both ways with typing, read receipts and files, and a
/// conversation that survives a reload; screenshots of the panel at 1366 and 390 px.
/// </summary>
public sealed class LiveChatJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static Task Screenshot(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, name) });

    private static FilePayload Photo(string name) => new()
    {
        Name = name, MimeType = "image/png",
        Buffer = PngWriter.Encode(200, 150, Enumerable.Range(0, 200 * 150 * 3).Select(i => (byte)(i % 3 == 0 ? 200 : i % 3 == 1 ? 120 + i / 600 % 100 : 40)).ToArray()),
    };

    // Resolves once the picture has loaded (the newest message is scrolled into view, so a lazy picture loads).
    private const string Loaded = "img => img.complete && img.naturalWidth > 0 || new Promise(done => img.addEventListener('load', () => done(img.naturalWidth > 0)))";

    [Fact]
    public async Task Without_JavaScript_the_chat_launcher_is_a_link_to_the_contact_form()
    {
        var context = await browser.Browser.NewContextAsync(new() { BaseURL = browser.Shop.ServerAddress.ToString(), JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        var launcher = page.GetByTestId("chat-launcher");
        Assert.Equal("/contact", await launcher.GetAttributeAsync("href"));
        Assert.False(await page.Locator("[data-chat-panel]").IsVisibleAsync());
        await launcher.ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Contact us" }).WaitForAsync();
        await context.CloseAsync();
    }

    [Fact]
    public async Task A_guest_chats_with_an_agent_live_with_typing_and_read_receipts_both_ways_and_the_chat_survives_a_reload()
    {
        var (guest, guestErrors) = await browser.NewPageAsync();
        await guest.GotoAsync("/");
        await Screenshot(guest, "chat-closed.png");
        await guest.GetByTestId("chat-launcher").ClickAsync();
        var panel = guest.Locator("[data-chat-panel]");
        await panel.WaitForAsync();
        await guest.GetByTestId("chat-availability").GetByText("No one is online right now – we'll answer by email").WaitForAsync();
        await Screenshot(guest, "chat-open.png");

        // A guest gives name and email first; the empty form says what is missing.
        await panel.GetByRole(AriaRole.Button, new() { Name = "Start chat" }).ClickAsync();
        await panel.GetByText("Tell us your name.").WaitForAsync();
        await panel.GetByLabel("Your name").FillAsync("Meera Iyer");
        await panel.GetByLabel("Your email").FillAsync(ApiClient.NewEmail("guest"));
        await panel.GetByLabel("Message").FillAsync("Hello! Is the brass diya set gift wrapped?");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Start chat" }).ClickAsync();
        var guestMessages = panel.GetByTestId("chat-messages");
        await guestMessages.GetByText("Hello! Is the brass diya set gift wrapped?").WaitForAsync();
        var conversationId = await guest.EvaluateAsync<string>("() => JSON.parse(localStorage.getItem('shop.support.chat')).conversationId");

        // The agent opens the chat: coming online assigns it to them, and the guest sees that live.
        var (_, agentEmail) = await browser.Shop.SignedInClientAsync("agent", "support");
        var (agent, agentErrors) = await browser.NewPageAsync();
        await SignIn.AsAsync(agent, agentEmail);
        await agent.GotoAsync($"/support/live/{conversationId}");
        var agentThread = agent.Locator("[data-chat-thread]");
        await agentThread.GetByText("Hello! Is the brass diya set gift wrapped?").WaitForAsync();
        Assert.Equal("on /", (await agent.GetByTestId("customer-page").InnerTextAsync()).Trim());
        await guestMessages.GetByText("Assigned to Asha Rao").WaitForAsync();
        await guest.GetByTestId("chat-availability").GetByText("Usually replies in a few minutes").WaitForAsync();
        // The agent's page read the guest's message.
        await guestMessages.Locator("li[data-author=customer][data-state=read]").WaitForAsync();

        // Typing both ways.
        await guest.Locator("#chat-body").PressSequentiallyAsync("Also");
        await agent.GetByText("The customer is typing…").WaitForAsync();
        await agent.Locator("textarea[name=Body]").PressSequentiallyAsync("Yes");
        await guest.GetByText("Support is typing…").WaitForAsync();

        // The agent replies; it appears for the guest, who reads it (the agent sees "Read").
        await agent.Locator("textarea[name=Body]").FillAsync("Yes, every set is gift wrapped for free.");
        await agent.Locator("textarea[name=Body]").PressAsync("Enter");
        await guestMessages.GetByText("Yes, every set is gift wrapped for free.").WaitForAsync();
        await agentThread.Locator("li[data-author=agent][data-state=read]").WaitForAsync();
        Assert.False(await guest.GetByText("Support is typing…").IsVisibleAsync());

        await guest.Locator("#chat-body").FillAsync("Lovely, thank you!");
        await guest.Locator("#chat-body").PressAsync("Enter");
        await agentThread.GetByText("Lovely, thank you!").WaitForAsync();
        await guestMessages.Locator("li[data-author=customer][data-state=read]").Nth(1).WaitForAsync();
        await Screenshot(guest, "chat-messages.png");

        // Files both ways: the guest's photo appears on the agent's page, the agent's PDF in the panel.
        await panel.GetByLabel("Attach pictures or PDFs").SetInputFilesAsync(Photo("diya set.png"));
        var photo = agentThread.Locator("li[data-author=customer]").Filter(new() { Has = agent.GetByTestId("attachment").Filter(new() { HasText = "diya set.png" }) });
        Assert.True(await photo.Locator("img").EvaluateAsync<bool>(Loaded), "the guest's photo does not load on the agent's page");
        await agent.GetByLabel("Attach pictures or PDFs").SetInputFilesAsync(new FilePayload
        {
            Name = "gift wrapping.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"u8.ToArray(),
        });
        await guestMessages.GetByTestId("attachment").Filter(new() { HasText = "gift wrapping.pdf" }).WaitForAsync();
        Assert.True(await guestMessages.Locator("li[data-author=customer] img").EvaluateAsync<bool>(Loaded), "the guest's photo does not load in the panel");
        await Screenshot(guest, "chat-attachment.png");
        await Screenshot(agent, "chat-agent.png");

        // A reload (or the next page) brings the open chat back, each message once, and it stays live.
        await guest.GotoAsync("/cart");
        await guestMessages.GetByText("Lovely, thank you!").WaitForAsync();
        await guest.GetByTestId("chat-availability").GetByText("Usually replies in").WaitForAsync();
        await guest.ReloadAsync();
        await guestMessages.GetByText("Lovely, thank you!").WaitForAsync();
        // Agents see where the customer is now.
        // The page is recorded when the panel joins on the new page; the agent's page shows it from the next load.
        await agent.ReloadAsync();
        for (var attempt = 1; await agent.GetByTestId("customer-page").Filter(new() { HasText = "on /cart" }).CountAsync() == 0; attempt++)
        {
            Assert.True(attempt < 50, "The agent's page never showed the customer on /cart.");
            await Task.Delay(200);
            await agent.ReloadAsync();
        }
        Assert.Equal("on /cart", (await agent.GetByTestId("customer-page").InnerTextAsync()).Trim());
        await agent.Locator("textarea[name=Body]").FillAsync("Anything else I can help with?");
        await agent.Locator("textarea[name=Body]").PressAsync("Enter");
        await guestMessages.GetByText("Anything else I can help with?").WaitForAsync();
        var ids = await guestMessages.Locator("li[data-message-id]").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.messageId)");
        Assert.Equal(ids.Length, ids.Distinct().Count());
        Assert.Equal(7, ids.Length); // question, assignment, reply, thanks, photo, PDF, follow-up
        var agentIds = await agentThread.Locator("li[data-message-id]").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.messageId)");
        Assert.Equal(ids, agentIds);

        // On a phone the panel is the whole screen.
        var (phone, phoneErrors) = await browser.NewPageAsync(390, 844);
        await phone.GotoAsync("/");
        await Screenshot(phone, "chat-closed-phone.png");
        await phone.GetByTestId("chat-launcher").ClickAsync();
        var phonePanel = phone.Locator("[data-chat-panel]");
        await phone.GetByTestId("chat-availability").GetByText("Usually replies in").WaitForAsync();
        var box = await phonePanel.BoundingBoxAsync();
        Assert.Equal((0f, 390f), (box!.X, box.Width));
        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 390"));
        await Screenshot(phone, "chat-open-phone.png");
        await phonePanel.GetByLabel("Your name").FillAsync("Ravi");
        await phonePanel.GetByLabel("Your email").FillAsync(ApiClient.NewEmail("phone"));
        await phonePanel.GetByLabel("Message").FillAsync("Do you deliver to Kochi?");
        await phonePanel.GetByRole(AriaRole.Button, new() { Name = "Start chat" }).ClickAsync();
        await phonePanel.GetByText("Assigned to Asha Rao").WaitForAsync();
        await Screenshot(phone, "chat-messages-phone.png");
        await phonePanel.GetByLabel("Attach pictures or PDFs").SetInputFilesAsync(Photo("parcel label.png"));
        Assert.True(await phonePanel.Locator("li[data-author=customer] img").EvaluateAsync<bool>(Loaded), "the photo does not load on the phone");
        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 390"));
        await Screenshot(phone, "chat-attachment-phone.png");
        await phonePanel.GetByRole(AriaRole.Button, new() { Name = "Close chat" }).ClickAsync();
        Assert.False(await phonePanel.IsVisibleAsync());

        Assert.Empty(guestErrors);
        Assert.Empty(agentErrors);
        Assert.Empty(phoneErrors);
    }
}

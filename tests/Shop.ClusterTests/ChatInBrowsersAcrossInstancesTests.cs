using Shop.Testing;
using Dapper;
using Microsoft.Playwright;
using Shop.Web.Platform.Media;

namespace Shop.ClusterTests;

/// <summary>
/// The chat panel and the agent's live chat page in real Chromium, the guest's pages served by one
/// instance and the agent's by another (the Production build, as deployed), so every push between them
/// crosses the Redis backplane: messages both ways, typing, read receipts and files.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ChatInBrowsersAcrossInstancesTests(ShopCluster cluster) : IAsyncLifetime
{
    private IPlaywright playwright = null!;
    private IBrowser browser = null!;

    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    public async Task InitializeAsync()
    {
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("SHOP_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            // This machine has no outside network; root needs --no-sandbox.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
        Directory.CreateDirectory(ScreenshotDirectory);
    }

    [Fact]
    public async Task A_guest_and_an_agent_in_two_browsers_on_different_instances_chat_live_with_typing_read_receipts_and_files()
    {
        var (guestSide, agentSide) = (cluster.Instances[1], cluster.Instances[2]);
        var (guest, guestErrors) = await NewPageAsync(guestSide.Address);
        Assert.Equal(200, (await guest.GotoAsync("/"))!.Status);
        Assert.Equal(guestSide.Name, await InstanceAsync(guest));
        await guest.GetByTestId("chat-launcher").ClickAsync();
        var panel = guest.Locator("[data-chat-panel]");
        await panel.WaitForAsync();
        await panel.GetByLabel("Your name").FillAsync("Kavya Menon");
        await panel.GetByLabel("Your email").FillAsync($"kavya-{Guid.NewGuid():N}@example.com");
        await panel.GetByLabel("Message").FillAsync("Is the copper bottle dishwasher safe?");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Start chat" }).ClickAsync();
        var guestMessages = panel.GetByTestId("chat-messages");
        await guestMessages.GetByText("Is the copper bottle dishwasher safe?").WaitForAsync();
        var conversationId = await guest.EvaluateAsync<string>("() => JSON.parse(localStorage.getItem('shop.support.chat')).conversationId");

        var (agent, agentErrors) = await NewPageAsync(agentSide.Address);
        await agent.GotoAsync("/account/sign-in");
        await agent.GetByLabel("Email", new() { Exact = true }).FillAsync("neha.support@bazaar.local");
        await agent.GetByLabel("Password", new() { Exact = true }).FillAsync(ShopCluster.DemoPassword);
        await agent.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await agent.GetByRole(AriaRole.Button, new() { Name = "Sign out", IncludeHidden = true }).WaitForAsync(new() { State = WaitForSelectorState.Attached });
        var live = await agent.GotoAsync($"/support/live/{conversationId}");
        Assert.Equal(200, live!.Status);
        Assert.Equal(agentSide.Name, await InstanceAsync(agent));
        var agentThread = agent.Locator("[data-chat-thread]");
        await agentThread.GetByText("Is the copper bottle dishwasher safe?").WaitForAsync();
        // The agent's page read the guest's message: the guest, on the other instance, sees it read.
        await guestMessages.Locator("li[data-author=customer][data-state=read]").WaitForAsync();

        await guest.Locator("#chat-body").PressSequentiallyAsync("Also");
        await agent.GetByText("The customer is typing…").WaitForAsync();
        await agent.Locator("textarea[name=Body]").PressSequentiallyAsync("Hand");
        await guest.GetByText("Support is typing…").WaitForAsync();

        await agent.Locator("textarea[name=Body]").FillAsync("Hand wash only, please: it keeps the copper bright.");
        await agent.Locator("textarea[name=Body]").PressAsync("Enter");
        await guestMessages.GetByText("Hand wash only, please: it keeps the copper bright.").WaitForAsync();
        await agentThread.Locator("li[data-author=agent][data-state=read]").WaitForAsync();

        await guest.Locator("#chat-body").FillAsync("Understood, thanks!");
        await guest.Locator("#chat-body").PressAsync("Enter");
        await agentThread.GetByText("Understood, thanks!").WaitForAsync();

        // Files: a forged picture is refused in words the guest can act on; a real one reaches the agent, who sends a PDF back.
        var attach = panel.GetByLabel("Attach pictures or PDFs");
        await attach.SetInputFilesAsync(new FilePayload { Name = "bottle.png", MimeType = "image/png", Buffer = "<html>not a picture</html>"u8.ToArray() });
        await panel.GetByRole(AriaRole.Alert).GetByText("bottle.png is not a JPEG, PNG or WebP picture or a PDF.").WaitForAsync();
        await attach.SetInputFilesAsync(new FilePayload { Name = "bottle.png", MimeType = "image/png", Buffer = Picture() });
        var sentPicture = agentThread.Locator("li[data-author=customer]").Filter(new() { Has = agent.GetByTestId("attachment").Filter(new() { HasText = "bottle.png" }) });
        Assert.True(await sentPicture.Locator("img").EvaluateAsync<bool>(Loaded), "the guest's picture does not load on the agent's page");
        Assert.False(await panel.GetByRole(AriaRole.Alert).IsVisibleAsync());
        await agent.GetByLabel("Attach pictures or PDFs").SetInputFilesAsync(new FilePayload { Name = "care-guide.pdf", MimeType = "application/pdf", Buffer = Pdf });
        var guideUrl = await guestMessages.Locator("li[data-author=agent]").GetByTestId("attachment").Filter(new() { HasText = "care-guide.pdf" }).GetAttributeAsync("href");
        Assert.Contains("access=", guideUrl);
        Assert.Equal(200, await guest.EvaluateAsync<int>("async url => (await fetch(url)).status", guideUrl));
        Assert.True(await guestMessages.Locator("li[data-author=customer] img").EvaluateAsync<bool>(Loaded), "the guest's own picture does not load in the panel");
        await agentThread.Locator("li[data-author=agent][data-state=read]").Filter(new() { HasText = "care-guide.pdf" }).WaitForAsync();
        await guest.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotDirectory, "cluster-chat-guest.png") });
        await agent.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotDirectory, "cluster-chat-agent.png") });

        var guestIds = await guestMessages.Locator("li[data-message-id]").EvaluateAllAsync<long[]>("items => items.map(i => Number(i.dataset.messageId))");
        var agentIds = await agentThread.Locator("li[data-message-id]").EvaluateAllAsync<long[]>("items => items.map(i => Number(i.dataset.messageId))");
        await using var db = cluster.Database();
        var stored = (await db.QueryAsync<long>("SELECT id FROM support.messages WHERE conversation_id = @id AND author_kind <> 'note' ORDER BY id",
            new { id = Guid.Parse(conversationId) })).ToArray();
        Assert.Equal(stored, guestIds);
        Assert.Equal(stored, agentIds);
        // The one refused upload is the browser's only complaint.
        Assert.Contains("status of 400", Assert.Single(guestErrors));
        Assert.Contains($"/api/v1/support/chats/{conversationId}/attachments", guestErrors[0]);
        Assert.Empty(agentErrors);
    }

    // The instance that answers the page's own requests, by the header each instance sets (read by the page, as
    // Playwright's copy of a navigation's headers is sometimes only the provisional part).
    private static Task<string> InstanceAsync(IPage page) =>
        page.EvaluateAsync<string>("async () => (await fetch('/health/live')).headers.get('x-shop-instance')");

    // Resolves once the picture has loaded (lazy pictures load when scrolled into view, as the newest message is).
    private const string Loaded = "img => img.complete && img.naturalWidth > 0 || new Promise(done => img.addEventListener('load', () => done(img.naturalWidth > 0)))";

    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"u8.ToArray();

    private static byte[] Picture() =>
        PngWriter.Encode(160, 120, Enumerable.Range(0, 160 * 120 * 3).Select(i => (byte)(i % 3 == 0 ? 180 + i / 3 % 160 / 4 : i % 3 == 1 ? 110 : 60)).ToArray());

    private async Task<(IPage Page, List<string> ConsoleErrors)> NewPageAsync(Uri site)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = site.ToString(),
            ViewportSize = new ViewportSize { Width = 1366, Height = 900 },
        });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
                errors.Add($"{message.Text} ({message.Location})");
        };
        page.PageError += (_, error) => errors.Add(error);
        return (page, errors);
    }

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
    }
}

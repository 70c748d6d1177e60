using Microsoft.Playwright;
using Shop.Testing;

namespace Shop.BrowserTests;

/// <summary>
/// Debian's Chromium driven by Playwright against the live shop, which texts through a Twilio stand-in.
/// Screenshots of every checked view land in TestResults/screenshots for a person to look at.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? playwright;

    /// <summary>The live shop; webhook receivers in these tests listen on loopback, as in development.</summary>
    public LiveShopFactory Shop { get; } = (LiveShopFactory)new LiveShopFactory().WithSettings(("Webhooks:AllowPrivateNetworks", "true"), ("Webhooks:DeliveryEnabled", "true"));

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where the shop's text messages arrive.</summary>
    public FakeTwilio Twilio { get; private set; } = null!;

    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    public async Task InitializeAsync()
    {
        Twilio = await FakeTwilio.StartAsync();
        Shop.WithSettings(Twilio.Settings);
        await Shop.InitializeAsync();
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true, Args = ChromiumArgs });
        Directory.CreateDirectory(ScreenshotDirectory);
    }

    private static string ChromiumPath => Environment.GetEnvironmentVariable("SHOP_CHROMIUM") ?? "/usr/bin/chromium";

    // This machine has no outside network; root needs --no-sandbox.
    private static readonly string[] ChromiumArgs = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"];

    /// <summary>
    /// A Chromium of its own with a profile on disk, as a person's browser has (the other contexts are
    /// incognito): for what only such a browser offers, such as installing the shop as an app. Close it after.
    /// </summary>
    public async Task<IBrowserContext> BrowserWithProfileAsync(int width, int height) =>
        await playwright!.Chromium.LaunchPersistentContextAsync(Directory.CreateTempSubdirectory("shop-chromium-profile-").FullName,
            new BrowserTypeLaunchPersistentContextOptions
            {
                ExecutablePath = ChromiumPath, Headless = true, Args = ChromiumArgs, BaseURL = Shop.ServerAddress.ToString(),
                ViewportSize = new ViewportSize { Width = width, Height = height },
            });

    /// <summary>A fresh browser context (own cookies) at the given viewport, failing on console errors.</summary>
    public async Task<(IPage Page, List<string> ConsoleErrors)> NewPageAsync(int width = 1366, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Shop.ServerAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        // Both suites share two cores with the app and PostgreSQL; a busy moment must not read as a failure.
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };
        page.PageError += (_, error) => errors.Add(error);
        return (page, errors);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.DisposeAsync();
        playwright?.Dispose();
        await ((IAsyncLifetime)Shop).DisposeAsync();
        if (Twilio is not null)
            await Twilio.DisposeAsync();
    }
}

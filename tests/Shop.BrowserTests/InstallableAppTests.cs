using System.Text.Json;
using Microsoft.Playwright;
using Shop.Testing;

namespace Shop.BrowserTests;

/// <summary>The shop as an app on a phone: installable by Chromium's own check, and still useful without a connection.</summary>
public sealed class InstallableAppTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static Task UntilTheWorkerControlsAsync(IPage page) =>
        page.WaitForFunctionAsync("() => navigator.serviceWorker.controller !== null");

    [Fact]
    public async Task Chromium_finds_the_shop_installable_with_its_manifest_icons_and_service_worker()
    {
        await using var phone = await browser.BrowserWithProfileAsync(390, 844);
        var page = phone.Pages.FirstOrDefault() ?? await phone.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };
        await page.GotoAsync("/");
        await UntilTheWorkerControlsAsync(page);

        var cdp = await page.Context.NewCDPSessionAsync(page);
        var installability = (await cdp.SendAsync("Page.getInstallabilityErrors"))!.Value;
        Assert.Empty(installability.GetProperty("installabilityErrors").EnumerateArray().Select(e => e.GetProperty("errorId").GetString()));
        var manifest = (await cdp.SendAsync("Page.getAppManifest"))!.Value;
        Assert.Empty(manifest.GetProperty("errors").EnumerateArray());
        using var parsed = JsonDocument.Parse(manifest.GetProperty("data").GetString()!);
        var icons = parsed.RootElement.GetProperty("icons").EnumerateArray().ToList();
        Assert.Contains(icons, i => i.GetProperty("purpose").GetString() == "maskable" && i.GetProperty("sizes").GetString() == "512x512");
        foreach (var icon in icons)
        {
            var response = await page.APIRequest.GetAsync(icon.GetProperty("src").GetString()!);
            Assert.Equal("image/png", response.Headers["content-type"]);
            var size = int.Parse(icon.GetProperty("sizes").GetString()!.Split('x')[0]);
            var png = await response.BodyAsync();
            Assert.Equal(size, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)));
        }
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Offline_a_shopper_sees_the_offline_page_with_what_they_viewed_and_the_page_returns_with_the_connection()
    {
        var catalog = await CatalogClient.CreateAsync(browser.Shop);
        var category = await catalog.CategoryAsync("Lamps");
        var title = CatalogClient.Unique("Offline Brass Lamp");
        var product = await catalog.ProductAsync(title, category.GetProperty("id").GetString()!,
            [CatalogClient.Variant($"OBL-{Guid.NewGuid():N}"[..14].ToUpperInvariant(), 999, stock: 4)], images: [await catalog.UploadAsync(91)]);
        var (page, _) = await browser.NewPageAsync(390, 844);
        await page.GotoAsync("/");
        await UntilTheWorkerControlsAsync(page);
        await page.GotoAsync($"/p/{product.GetProperty("slug").GetString()}");
        await page.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 }).WaitForAsync();

        await page.Context.SetOfflineAsync(true);
        await page.GotoAsync("/pages/never-opened-before");
        await page.GetByRole(AriaRole.Heading, new() { Name = "You are offline" }).WaitForAsync();
        var viewed = page.Locator("[data-recently-viewed]").GetByRole(AriaRole.Link, new() { Name = title });
        await viewed.WaitForAsync();
        await Screenshots.SaveAsync(page, "offline-390.png");

        await viewed.ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 }).WaitForAsync();
        Assert.EndsWith(".webp", await page.Locator("[data-gallery-image]").EvaluateAsync<string>("img => img.complete && img.naturalWidth > 0 ? img.currentSrc : ''"));

        await page.GotoAsync($"/c/{category.GetProperty("slug").GetString()}");
        await page.GetByRole(AriaRole.Heading, new() { Name = "You are offline" }).WaitForAsync();
        await page.Context.SetOfflineAsync(false);
        await page.GetByRole(AriaRole.Heading, new() { Name = "Lamps", Level = 1 }).WaitForAsync();
    }
}

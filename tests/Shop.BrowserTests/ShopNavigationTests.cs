using Microsoft.Playwright;
using Shop.Testing;

namespace Shop.BrowserTests;

/// <summary>The category menu (mega menu on a wide screen, drawer on a phone), the footer, and the shop's pages.</summary>
public sealed class ShopNavigationTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly SemaphoreSlim Setup = new(1, 1);
    private static string? lampsSlug;

    /// <summary>Home Decor › Lighting › Table Lamps, and Stationery › Notebooks, each with a product; shipping and the starter pages.</summary>
    private async Task<string> SeedAsync()
    {
        await Setup.WaitAsync();
        try
        {
            if (lampsSlug is not null)
                return lampsSlug;
            var catalog = await CatalogClient.CreateAsync(browser.Shop);
            var decor = await catalog.CategoryAsync("Home Decor");
            var lighting = await catalog.CategoryAsync("Lighting", decor.GetProperty("id").GetString());
            var lamps = await catalog.CategoryAsync("Table Lamps", lighting.GetProperty("id").GetString());
            await catalog.CategoryAsync("Wall Art", decor.GetProperty("id").GetString());
            var stationery = await catalog.CategoryAsync("Stationery");
            var notebooks = await catalog.CategoryAsync("Notebooks", stationery.GetProperty("id").GetString());
            await catalog.ProductAsync("Brass Table Lamp", lamps.GetProperty("id").GetString()!, [CatalogClient.Variant($"LMP-{Guid.NewGuid():N}"[..12], 2499m)],
                images: [await catalog.UploadAsync(41)]);
            await catalog.ProductAsync("Handmade Paper Notebook", notebooks.GetProperty("id").GetString()!, [CatalogClient.Variant($"NTB-{Guid.NewGuid():N}"[..12], 349m)],
                images: [await catalog.UploadAsync(42)]);
            await browser.Shop.EnsureShippingAsync();
            await browser.Shop.WriteStarterPagesAsync();
            return lampsSlug = lamps.GetProperty("slug").GetString()!;
        }
        finally
        {
            Setup.Release();
        }
    }

    private static Task Screenshot(IPage page, string name, bool fullPage = false) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, name), FullPage = fullPage });

    private static ILocator Menu(IPage page) => page.GetByRole(AriaRole.Navigation, new() { Name = "Categories" });

    [Fact]
    public async Task A_shopper_points_at_a_category_and_clicks_a_subcategory_in_its_panel()
    {
        var lamps = await SeedAsync();
        var (page, errors) = await browser.NewPageAsync();
        await page.GotoAsync("/");
        var decor = Menu(page).Locator("details", new() { Has = page.GetByText("Home Decor", new() { Exact = true }) });
        var tableLamps = Menu(page).GetByRole(AriaRole.Link, new() { Name = "Table Lamps" });
        Assert.False(await tableLamps.IsVisibleAsync());

        await Menu(page).GetByText("Home Decor", new() { Exact = true }).HoverAsync();
        await tableLamps.WaitForAsync();
        Assert.True(await Menu(page).GetByRole(AriaRole.Link, new() { Name = "All Home Decor" }).IsVisibleAsync());
        Assert.Equal(0, await Menu(page).GetByText("Wall Art").CountAsync()); // nothing for sale in it
        await Screenshot(page, "menu-open-desktop.png");

        // The click that follows the pointer keeps the panel open rather than closing it.
        await Menu(page).GetByText("Home Decor", new() { Exact = true }).ClickAsync();
        Assert.NotNull(await decor.GetAttributeAsync("open"));
        await page.Mouse.MoveAsync(683, 700);
        await tableLamps.WaitForAsync(new() { State = WaitForSelectorState.Hidden });

        await Menu(page).GetByText("Home Decor", new() { Exact = true }).HoverAsync();
        await tableLamps.ClickAsync();
        await page.WaitForURLAsync($"**/c/{lamps}");
        Assert.Equal("Table Lamps", await page.Locator("h1").InnerTextAsync());
        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_keyboard_user_opens_a_category_tabs_to_a_subcategory_and_escape_closes_the_panel()
    {
        await SeedAsync();
        var (page, errors) = await browser.NewPageAsync();
        await page.GotoAsync("/");
        await page.Locator("#site-search").FocusAsync();
        await TabUntilAsync(page, "Home Decor");
        await page.Keyboard.PressAsync("Enter");
        await Menu(page).GetByRole(AriaRole.Link, new() { Name = "Lighting" }).WaitForAsync();
        await page.Keyboard.PressAsync("Escape");
        await Menu(page).GetByRole(AriaRole.Link, new() { Name = "Lighting" }).WaitForAsync(new() { State = WaitForSelectorState.Hidden });
        Assert.Equal("Home Decor", await page.EvaluateAsync<string>("document.activeElement.textContent"));

        await page.Keyboard.PressAsync("Enter");
        await TabUntilAsync(page, "Lighting");
        await Screenshot(page, "menu-keyboard-desktop.png");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/c/lighting-*");
        Assert.Equal("Lighting", await page.Locator("h1").InnerTextAsync());
        Assert.Empty(errors);
    }

    [Fact]
    public async Task On_a_phone_the_drawer_opens_and_expands_down_to_a_subcategory()
    {
        var lamps = await SeedAsync();
        var (page, errors) = await browser.NewPageAsync(390, 844);
        await page.GotoAsync("/");
        Assert.False(await page.Locator("nav.mega-menu").IsVisibleAsync());
        var drawer = page.Locator("details.category-drawer");

        await drawer.Locator("summary.drawer-toggle").ClickAsync();
        await Menu(page).WaitForAsync();
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"));
        await page.Keyboard.PressAsync("Escape");
        await Menu(page).WaitForAsync(new() { State = WaitForSelectorState.Hidden });
        await drawer.Locator("summary.drawer-toggle").ClickAsync();
        await Menu(page).GetByText("Home Decor", new() { Exact = true }).ClickAsync();
        await Menu(page).GetByText("Lighting", new() { Exact = true }).ClickAsync();
        await Screenshot(page, "drawer-phone.png");
        await page.GetByRole(AriaRole.Button, new() { Name = "Close", Exact = true }).ClickAsync();
        await Menu(page).WaitForAsync(new() { State = WaitForSelectorState.Hidden });

        await drawer.Locator("summary.drawer-toggle").ClickAsync();
        await Menu(page).GetByRole(AriaRole.Link, new() { Name = "Table Lamps" }).ClickAsync();
        await page.WaitForURLAsync($"**/c/{lamps}");
        Assert.Equal("Table Lamps", await page.Locator("h1").InnerTextAsync());
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Without_javascript_the_panels_and_the_drawer_open_on_click()
    {
        var lamps = await SeedAsync();
        foreach (var width in new[] { 1366, 390 })
        {
            await using var context = await browser.Browser.NewContextAsync(new()
            {
                BaseURL = browser.Shop.ServerAddress.ToString(), JavaScriptEnabled = false, ViewportSize = new() { Width = width, Height = 844 },
            });
            var page = await context.NewPageAsync();
            await page.GotoAsync("/");
            if (width < 990)
                await page.Locator("summary.drawer-toggle").ClickAsync();
            await Menu(page).GetByText("Home Decor", new() { Exact = true }).ClickAsync();
            if (width < 990)
                await Menu(page).GetByText("Lighting", new() { Exact = true }).ClickAsync();
            await Menu(page).GetByRole(AriaRole.Link, new() { Name = "Table Lamps" }).ClickAsync();
            await page.WaitForURLAsync($"**/c/{lamps}");
        }
    }

    [Theory]
    [InlineData("desktop", 1366)]
    [InlineData("phone", 390)]
    public async Task Every_footer_link_to_the_shops_pages_leads_to_a_readable_page(string name, int width)
    {
        await SeedAsync();
        var (page, errors) = await browser.NewPageAsync(width, 844);
        var footerPages = new[] { "Help and contact", "Shipping and delivery", "Returns and refunds", "About Bazaar", "Privacy policy", "Terms of use" };

        foreach (var title in footerPages)
        {
            await page.GotoAsync("/");
            await page.Locator("footer").GetByRole(AriaRole.Link, new() { Name = title, Exact = true }).ClickAsync();
            await page.WaitForURLAsync("**/pages/*");
            Assert.Equal(title, await page.Locator("h1").InnerTextAsync());
            Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), $"{title} scrolls sideways at {width}px");
        }
        await page.GotoAsync("/pages/shipping");
        Assert.Contains("Standard", await page.Locator(".prose table").InnerTextAsync());
        await Screenshot(page, $"page-shipping-{name}.png", fullPage: true);
        await page.Locator("footer").ScrollIntoViewIfNeededAsync();
        await Screenshot(page, $"footer-{name}.png");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task An_admin_rewrites_the_shipping_page_and_shoppers_read_the_new_text()
    {
        await SeedAsync();
        var adminEmail = ApiClient.NewEmail("admin");
        await browser.Shop.RegisterConfirmedAsync(adminEmail);
        await browser.Shop.GrantRolesAsync(adminEmail, "admin");
        var (admin, adminErrors) = await browser.NewPageAsync();
        await SignIn.AsAsync(admin, adminEmail);

        await admin.GotoAsync("/admin");
        await admin.GetByRole(AriaRole.Navigation, new() { Name = "Admin", Exact = true }).GetByRole(AriaRole.Link, new() { Name = "Pages" }).ClickAsync();
        await admin.Locator("main table").GetByRole(AriaRole.Link, new() { Name = "Shipping and delivery" }).ClickAsync();
        await Screenshot(admin, "admin-page-editor-desktop.png", fullPage: true);
        var text = admin.GetByLabel("Text", new() { Exact = true });
        await text.FillAsync(await text.InputValueAsync() + "\n\n## Same-day dispatch\n\nOrders placed before **2 pm** leave our sellers the same day.");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        Assert.Equal("2 pm", await admin.Locator(".page-preview strong").Last.InnerTextAsync());
        await Screenshot(admin, "admin-page-preview-desktop.png", fullPage: true);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save page" }).ClickAsync();
        await admin.GetByText("The page was saved.").WaitForAsync();

        var (shopper, errors) = await browser.NewPageAsync(390, 844);
        await shopper.GotoAsync("/");
        await shopper.Locator("footer").GetByRole(AriaRole.Link, new() { Name = "Shipping and delivery" }).ClickAsync();
        await shopper.GetByRole(AriaRole.Heading, new() { Name = "Same-day dispatch" }).WaitForAsync();
        Assert.Contains("Orders placed before 2 pm leave our sellers the same day.", await shopper.Locator(".prose").InnerTextAsync());
        await Screenshot(shopper, "page-shipping-edited-phone.png", fullPage: true);

        var (phoneAdmin, _) = await browser.NewPageAsync(390, 844);
        await SignIn.AsAsync(phoneAdmin, adminEmail);
        await phoneAdmin.GotoAsync("/admin/pages");
        await Screenshot(phoneAdmin, "admin-pages-phone.png", fullPage: true);
        await phoneAdmin.Locator("main table").GetByRole(AriaRole.Link, new() { Name = "Shipping and delivery" }).ClickAsync();
        await Screenshot(phoneAdmin, "admin-page-editor-phone.png", fullPage: true);
        Assert.Empty(errors);
        Assert.Empty(adminErrors);
    }

    /// <summary>Presses Tab until the focused element reads <paramref name="text"/>, as a keyboard user moves through the page.</summary>
    private static async Task TabUntilAsync(IPage page, string text)
    {
        for (var presses = 0; presses < 40; presses++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<string>("document.activeElement.textContent.trim()") == text)
                return;
        }
        throw new InvalidOperationException($"Tab never reached {text}.");
    }
}

using Microsoft.Playwright;

namespace Shop.BrowserTests;

public sealed class StorefrontShellTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData("phone", 390, 844)]
    [InlineData("desktop", 1366, 900)]
    public async Task The_home_page_reads_well_at_phone_and_desktop_widths(string name, int width, int height)
    {
        var (page, consoleErrors) = await browser.NewPageAsync(width, height);

        var response = await page.GotoAsync("/");

        Assert.Equal(200, response!.Status);
        Assert.Equal("Welcome to Bazaar", await page.Locator("h1").InnerTextAsync());
        Assert.True(await page.GetByRole(AriaRole.Searchbox, new() { Name = "Search products" }).First.IsVisibleAsync());
        Assert.True(await page.GetByRole(AriaRole.Link, new() { Name = "Sign in" }).IsVisibleAsync());
        Assert.True(await page.GetByRole(AriaRole.Link, new() { Name = "Cart" }).IsVisibleAsync());
        Assert.True(await page.Locator("footer").IsVisibleAsync());
        var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"the page scrolls sideways by {overflow}px at {width}px");
        var headerColour = await page.Locator("header").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");
        Assert.Equal("rgb(15, 81, 50)", headerColour); // the stylesheet loaded under the CSP
        Assert.Empty(consoleErrors);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, $"home-{name}.png"), FullPage = true });
    }

    [Fact]
    public async Task Searching_from_the_header_goes_to_the_search_page_with_the_query()
    {
        var (page, _) = await browser.NewPageAsync();
        await page.GotoAsync("/");

        await page.Locator("#site-search").FillAsync("kurta");
        await page.Locator("#site-search").PressAsync("Enter");

        await page.WaitForURLAsync("**/search?q=kurta");
        Assert.Equal("kurta", await page.Locator("#site-search").InputValueAsync());
        await page.GotoAsync("/");
        Assert.Equal("", await page.Locator("#site-search").InputValueAsync());
    }

    [Fact]
    public async Task A_mistyped_address_shows_a_helpful_not_found_page()
    {
        var (page, consoleErrors) = await browser.NewPageAsync(390, 844);

        var response = await page.GotoAsync("/no-such-page");

        Assert.Equal(404, response!.Status);
        Assert.Equal("We couldn't find that page", await page.Locator("h1").InnerTextAsync());
        await page.GetByRole(AriaRole.Link, new() { Name = "Back to the shop" }).ClickAsync();
        await page.WaitForURLAsync(browser.Shop.ServerAddress.ToString());
        Assert.DoesNotContain(consoleErrors, e => !e.Contains("404"));
    }

    [Fact]
    public async Task Keyboard_users_can_skip_straight_to_the_content()
    {
        var (page, _) = await browser.NewPageAsync();
        await page.GotoAsync("/");

        await page.Keyboard.PressAsync("Tab");

        var focused = page.Locator(":focus");
        Assert.Equal("Skip to content", await focused.InnerTextAsync());
        Assert.True(await focused.IsVisibleAsync());
    }
}

using Microsoft.Playwright;

namespace Shop.BrowserTests;

/// <summary>What a person sees when a form sends text the shop cannot take.</summary>
public sealed class RefusedInputTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData("phone", 390, 844)]
    [InlineData("desktop", 1366, 900)]
    public async Task A_form_holding_a_nul_character_shows_the_bad_request_page(string name, int width, int height)
    {
        var (page, _) = await browser.NewPageAsync(width, height);
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync("asha@example.in");
        // No keyboard types NUL; a pasted or scripted value can hold one.
        await page.GetByLabel("Password", new() { Exact = true }).EvaluateAsync("field => field.value = 'pass\\u0000word'");

        var response = await page.RunAndWaitForResponseAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync(),
            r => r.Request.Method == "POST" && r.Url.EndsWith("/account/sign-in", StringComparison.Ordinal));
        await page.WaitForLoadStateAsync();

        Assert.Equal(400, response.Status);
        Assert.Equal("That request didn't look right", await page.Locator("h1").InnerTextAsync());
        Assert.True(await page.GetByRole(AriaRole.Link, new() { Name = "Back to the shop" }).IsVisibleAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, $"refused-form-{name}.png"), FullPage = true });
    }
}

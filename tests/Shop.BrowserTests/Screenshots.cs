using Microsoft.Playwright;

namespace Shop.BrowserTests;

/// <summary>Pictures of pages for a person to look at, saved into <see cref="BrowserFixture.ScreenshotDirectory"/>.</summary>
public static class Screenshots
{
    public const int LaptopWidth = 1366, PhoneWidth = 390;

    public static Task SaveAsync(IPage page, string name, bool fullPage = true) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, name), FullPage = fullPage });

    /// <summary>
    /// The whole page as a laptop and a phone show it, as <c>{name}-1366.png</c> and <c>{name}-390.png</c>;
    /// the window is then given back its own size.
    /// </summary>
    public static async Task AtBothWidthsAsync(IPage page, string name)
    {
        var size = page.ViewportSize;
        await page.SetViewportSizeAsync(LaptopWidth, 900);
        await SaveAsync(page, $"{name}-{LaptopWidth}.png");
        await page.SetViewportSizeAsync(PhoneWidth, 844);
        await SaveAsync(page, $"{name}-{PhoneWidth}.png");
        if (size is not null)
            await page.SetViewportSizeAsync(size.Width, size.Height);
    }
}

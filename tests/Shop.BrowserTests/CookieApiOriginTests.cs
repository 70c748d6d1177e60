using Shop.Testing;

namespace Shop.BrowserTests;

public sealed class CookieApiOriginTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_page_of_the_shop_changes_state_through_the_api_with_its_sign_in_cookie()
    {
        var (_, email) = await browser.Shop.SignedInClientAsync("reader");
        var (page, errors) = await browser.NewPageAsync();
        await SignIn.AsAsync(page, email);

        // Chromium's own Origin and Sec-Fetch-Site headers are what let a same-origin write through.
        var status = await page.EvaluateAsync<int>("async () => (await fetch('/api/v1/notifications/read-all', { method: 'POST' })).status");

        Assert.Equal(200, status);
        Assert.Empty(errors);
    }
}

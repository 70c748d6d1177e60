using System.Text.Json;
using Microsoft.Playwright;
using Shop.Testing;

namespace Shop.BrowserTests;

/// <summary>axe-core (the engine behind the browsers' accessibility audits) over every page of a shopper's journey.</summary>
public sealed class AccessibilityTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly string Axe = Path.Combine(AppContext.BaseDirectory, "axe.min.js");

    /// <summary>The serious and critical violations on the page as it is now, one line each with where they are.</summary>
    private static async Task<IReadOnlyList<string>> ViolationsAsync(IPage page)
    {
        await page.AddScriptTagAsync(new() { Path = Axe });
        var violations = await page.EvaluateAsync<JsonElement>("""
            async () => (await axe.run(document, { resultTypes: ['violations'] })).violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')}`)
            """);
        return violations.EnumerateArray().Select(v => $"{page.Url}: {v.GetString()}").ToList();
    }

    [Fact]
    public async Task Every_page_of_a_shoppers_journey_has_no_serious_or_critical_violations_at_both_widths()
    {
        await browser.Shop.EnsureShippingAsync();
        var catalog = await CatalogClient.CreateAsync(browser.Shop);
        var category = await catalog.CategoryAsync("Lamps");
        var title = CatalogClient.Unique("Brass Table Lamp");
        await catalog.ProductAsync(title, category.GetProperty("id").GetString()!,
        [
            CatalogClient.Variant($"BTL-G-{Guid.NewGuid():N}"[..14].ToUpperInvariant(), 1299, stock: 8, options: new { colour = "Gold" }),
            CatalogClient.Variant($"BTL-S-{Guid.NewGuid():N}"[..14].ToUpperInvariant(), 1399, stock: 2, options: new { colour = "Silver" }),
        ], brand: "Ekam", images: [await catalog.UploadAsync(81), await catalog.UploadAsync(82)], description: "Hand-polished brass.");
        var email = ApiClient.NewEmail("shopper");
        await browser.Shop.RegisterConfirmedAsync(email);
        var context = await browser.Browser.NewContextAsync(new() { BaseURL = browser.Shop.ServerAddress.ToString(), BypassCSP = true });
        var page = await context.NewPageAsync();
        var found = new List<string>();

        async Task Open(string path)
        {
            var response = await page.GotoAsync(path);
            Assert.True(response is { Ok: true }, $"{path} answered {response?.Status}, so its audit would be of an error page");
        }

        async Task Audit()
        {
            foreach (var width in new[] { 1366, 390 })
            {
                await page.SetViewportSizeAsync(width, width == 390 ? 844 : 900);
                found.AddRange(await ViolationsAsync(page));
            }
            await page.SetViewportSizeAsync(1366, 900);
        }

        await SignIn.AsAsync(page, email);
        await Open("/");
        await Audit();
        await Open($"/c/{category.GetProperty("slug").GetString()}");
        await Audit();
        await Open($"/search?q={Uri.EscapeDataString("brass lamp")}");
        await Audit();
        await page.GetByRole(AriaRole.Link, new() { Name = title }).First.ClickAsync();
        await Audit();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to cart" }).ClickAsync();
        await page.WaitForURLAsync("**/cart?done=added");
        await Audit();
        await page.GetByRole(AriaRole.Link, new() { Name = "Proceed to checkout" }).ClickAsync();
        await Audit();
        await CheckoutForm.FillShippingAsync(page, CheckoutForm.Chennai);
        await page.GetByLabel("Cash on delivery").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Review order" }).ClickAsync();
        await Audit();
        await page.GetByRole(AriaRole.Button, new() { Name = "Place order" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/orders/") && url.EndsWith("placed=1"));
        await Audit();
        await Open("/orders");
        await Audit();
        await Open("/account");
        await Audit();
        await Open("/account/addresses");
        await Audit();

        Assert.True(found.Count == 0, string.Join(Environment.NewLine, found.Distinct()));
        await context.CloseAsync();
    }
}

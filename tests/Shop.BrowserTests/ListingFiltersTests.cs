using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Shop.Testing;

namespace Shop.BrowserTests;

/// <summary>
/// The listing's filters as a shopper uses them, with and without JavaScript, at desktop and phone
/// widths; and the home page's offers and category tiles.
/// </summary>
public sealed partial class ListingFiltersTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly SemaphoreSlim Setup = new(1, 1);
    private static string? homeSlug;

    /// <summary>A homeware category: three brands, colours on some products, one product out of stock.</summary>
    private async Task<string> SeedAsync()
    {
        await Setup.WaitAsync();
        try
        {
            if (homeSlug is not null)
                return homeSlug;
            var catalog = await CatalogClient.CreateAsync(browser.Shop);
            var homeware = await catalog.CategoryAsync("Homeware");
            var id = homeware.GetProperty("id").GetString()!;
            string Sku() => "HW-" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
            async Task Product(string title, string brand, decimal price, int stock, string? colour, int picture) =>
                await catalog.ProductAsync(title, id, [CatalogClient.Variant(Sku(), price, stock, colour is null ? null : new { colour })],
                    brand: brand, images: [await catalog.UploadAsync(picture)]);
            await Product("Brass Diya Lamp", "Jaipur Brass", 799, 5, "Gold", 71);
            await Product("Brass Temple Bell", "Jaipur Brass", 1299, 0, "Gold", 72);
            await Product("Blue Pottery Mug", "Khurja Pottery", 349, 12, "Blue", 73);
            await Product("Glazed Ceramic Vase", "Khurja Pottery", 1899, 4, "White", 74);
            await Product("Block Print Cushion Cover", "Sanganeri", 599, 9, "Blue", 75);
            return homeSlug = homeware.GetProperty("slug").GetString()!;
        }
        finally
        {
            Setup.Release();
        }
    }

    [Fact]
    public async Task Checkboxes_and_a_price_range_filter_at_once_with_javascript_and_chips_take_them_away()
    {
        var slug = await SeedAsync();
        var (page, errors) = await browser.NewPageAsync();
        await page.GotoAsync($"/c/{slug}");
        Assert.Equal("5 products", await Status(page));
        Assert.False(await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).IsVisibleAsync());

        // Each brand's count is what checking it leaves; brands add up.
        var potteryCount = await Count(page, "Khurja Pottery");
        var brassCount = await Count(page, "Jaipur Brass");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Khurja Pottery" }).CheckAsync();
        await page.WaitForURLAsync(url => url.Contains("brand=Khurja+Pottery"));
        Assert.Equal($"{potteryCount} products", await Status(page));
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Jaipur Brass" }).CheckAsync();
        await page.WaitForURLAsync(url => url.Contains("brand=Jaipur+Brass"));
        Assert.Equal($"{potteryCount + brassCount} products", await Status(page));

        // A typed range waits for Enter; the maximum is included.
        await page.GetByLabel("Min").FillAsync("500");
        await page.GetByLabel("Max").FillAsync("1299");
        Assert.DoesNotContain("minPrice", page.Url); // nor any field left empty
        await page.GetByLabel("Max").PressAsync("Enter");
        await page.WaitForURLAsync(url => url.Contains("minPrice=500") && url.Contains("maxPrice=1299"));
        Assert.Equal("2 products", await Status(page));
        Assert.Equal(["Brass Diya Lamp", "Brass Temple Bell"], (await Titles(page)).Order());

        var inStock = await Count(page, "In stock only");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "In stock only" }).CheckAsync();
        await page.WaitForURLAsync(url => url.Contains("inStock=true"));
        Assert.Equal($"{inStock} product{(inStock == 1 ? "" : "s")}", await Status(page));
        Assert.Equal(["Brass Diya Lamp"], await Titles(page));
        Assert.Equal(["₹500 – ₹1,299", "Jaipur Brass", "Khurja Pottery", "In stock"], await Chips(page));
        Assert.Equal("Filters (4)", (await page.Locator("aside.facets > details > summary").InnerTextAsync()).Trim());
        await Screenshots.SaveAsync(page, "listing-filtered-1366.png");

        await page.GetByRole(AriaRole.Link, new() { Name = "Remove filter: In stock" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("inStock"));
        Assert.Equal("2 products", await Status(page));
        Assert.Equal(["₹500 – ₹1,299", "Jaipur Brass", "Khurja Pottery"], await Chips(page));
        Assert.False(await page.GetByRole(AriaRole.Checkbox, new() { Name = "In stock only" }).IsCheckedAsync());

        await page.GetByRole(AriaRole.Link, new() { Name = "Remove filter: ₹500 – ₹1,299" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("Price"));
        Assert.Equal("4 products", await Status(page));
        Assert.Equal("", await page.GetByLabel("Min").InputValueAsync());

        await page.Locator(".active-filters").GetByRole(AriaRole.Link, new() { Name = "Clear all" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains('?'));
        Assert.Equal("5 products", await Status(page));
        Assert.Equal(0, await page.Locator(".active-filters").CountAsync());
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Without_javascript_the_filters_form_is_sent_with_its_apply_button()
    {
        var slug = await SeedAsync();
        var context = await browser.Browser.NewContextAsync(new() { BaseURL = browser.Shop.ServerAddress.ToString(), JavaScriptEnabled = false });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/c/{slug}?sort=price-asc");

        var blue = await Count(page, "Blue");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Blue" }).CheckAsync();
        await page.GetByLabel("Max").FillAsync("999");
        Assert.Contains("sort=price-asc", page.Url);
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("option=colour%3ABlue") || url.Contains("option=colour:Blue"));
        Assert.Contains("sort=price-asc", page.Url);
        Assert.Equal($"{blue} products", await Status(page));
        Assert.Equal(["Blue Pottery Mug", "Block Print Cushion Cover"], await Titles(page));
        Assert.Equal(["Up to ₹999", "Colour: Blue"], await Chips(page));

        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Sanganeri" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("brand=Sanganeri"));
        Assert.Equal(["Block Print Cushion Cover"], await Titles(page));

        await page.GetByRole(AriaRole.Link, new() { Name = "Remove filter: Colour: Blue" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("option="));
        Assert.Equal(["Up to ₹999", "Sanganeri"], await Chips(page));
        await page.Locator(".active-filters").GetByRole(AriaRole.Link, new() { Name = "Clear all" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("brand"));
        Assert.Equal("5 products", await Status(page));
        Assert.Contains("sort=price-asc", page.Url);
        await context.CloseAsync();
    }

    [Fact]
    public async Task On_a_phone_the_filters_are_chosen_in_their_panel_and_applied_together()
    {
        var slug = await SeedAsync();
        var (page, errors) = await browser.NewPageAsync(390, 844);
        await page.GotoAsync($"/c/{slug}");
        var panel = page.Locator("aside.facets details.filters-panel");
        Assert.False(await panel.EvaluateAsync<bool>("d => d.open"));

        await panel.Locator(":scope > summary").ClickAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Jaipur Brass" }).CheckAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "In stock only" }).CheckAsync();
        Assert.DoesNotContain("brand", page.Url);
        await Screenshots.SaveAsync(page, "listing-filters-open-390.png", fullPage: false);
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("brand=Jaipur+Brass") && url.Contains("inStock=true"));

        Assert.Equal("1 product", await Status(page));
        Assert.Equal("Filters (2)", (await panel.Locator(":scope > summary").InnerTextAsync()).Trim());
        Assert.False(await panel.EvaluateAsync<bool>("d => d.open"));
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"));
        await Screenshots.SaveAsync(page, "listing-filtered-390.png");
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("-5", null, "lowest price must be an amount")]
    [InlineData("abc", null, "lowest price must be an amount")]
    [InlineData("1500", "500", "cannot be below the lowest")]
    public async Task A_price_range_that_makes_no_sense_is_refused_with_a_message_above_the_listing_without_it(string min, string? max, string explained)
    {
        var slug = await SeedAsync();
        var (page, errors) = await browser.NewPageAsync();
        var response = await page.GotoAsync($"/c/{slug}?minPrice={Uri.EscapeDataString(min)}{(max is null ? "" : $"&maxPrice={max}")}");

        Assert.Equal(200, response!.Status);
        Assert.Contains(explained, await page.GetByRole(AriaRole.Alert).InnerTextAsync());
        Assert.Equal("5 products", await Status(page));
        Assert.Empty(errors);
    }

    [Fact]
    public async Task The_home_page_shows_a_running_coupon_and_category_tiles_that_lead_to_their_category()
    {
        var slug = await SeedAsync();
        var (admin, _) = await browser.Shop.SignedInClientAsync("admin", "admin");
        var code = "DIWALI" + Random.Shared.Next(1000, 9999);
        var ends = DateTimeOffset.UtcNow.AddDays(3);
        await CatalogClient.Expect(await admin.PostAsJsonAsync("/api/v1/admin/coupons", new
        {
            code, description = "15% off lamps and décor for the festival", kind = "percentage", amount = 15m, scope = "cart", endsAt = ends,
        }), HttpStatusCode.Created);
        await CatalogClient.Expect(await admin.PostAsJsonAsync("/api/v1/admin/coupons", new
        {
            code = "OLD" + code, description = "Long gone", kind = "fixed", amount = 100m, scope = "cart",
            startsAt = DateTimeOffset.UtcNow.AddDays(-10), endsAt = DateTimeOffset.UtcNow.AddDays(-1),
        }), HttpStatusCode.Created);

        foreach (var width in new[] { 1366, 390 })
        {
            var (page, errors) = await browser.NewPageAsync(width, 900);
            await page.GotoAsync("/");
            var offer = page.GetByTestId("offer").Filter(new() { HasText = code });
            Assert.Contains("15% off", await offer.InnerTextAsync());
            Assert.Contains("15% off lamps and décor for the festival", await offer.InnerTextAsync());
            Assert.Contains($"Ends {TimeZoneInfo.ConvertTime(ends, TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata")).ToString("d MMM yyyy", CultureInfo.InvariantCulture)}",
                await offer.InnerTextAsync());
            Assert.Equal(0, await page.GetByTestId("offer").Filter(new() { HasText = "OLD" + code }).CountAsync());
            Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"));
            await Screenshots.SaveAsync(page, $"home-{width}.png");
            Assert.Empty(errors);

            if (width == 390)
                continue;
            var tile = page.Locator(".category-tiles a", new() { HasText = "Homeware" });
            Assert.Equal("5 products", (await tile.Locator(".muted").InnerTextAsync()).Trim());
            Assert.StartsWith("/media/", await tile.Locator("img").GetAttributeAsync("src"));
            await tile.ClickAsync();
            await page.WaitForURLAsync($"**/c/{slug}");
            Assert.Equal("Homeware", await page.Locator("h1").InnerTextAsync());
        }
    }

    [Fact]
    public async Task Search_results_fill_whole_rows_at_desktop_and_phone_widths()
    {
        await SeedAsync();
        foreach (var (width, columns) in new[] { (1366, 4), (390, 2) })
        {
            var (page, errors) = await browser.NewPageAsync(width, 900);
            await page.GotoAsync("/search?q=brass+OR+pottery+OR+cushion+OR+vase");
            var tops = await page.Locator(".product-grid .product-card").EvaluateAllAsync<double[]>("cards => cards.map(c => c.getBoundingClientRect().top)");
            Assert.Equal(columns, tops.Count(top => Math.Abs(top - tops[0]) < 1));
            Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"));
            await Screenshots.SaveAsync(page, $"search-{width}.png");
            Assert.Empty(errors);
        }
    }

    /// <summary>How many products the listing says it found, e.g. "5 products".</summary>
    internal static async Task<string> Status(IPage page) => (await page.Locator(".results-bar [role=status]").InnerTextAsync()).Trim();

    /// <summary>The count shown beside a filter's checkbox.</summary>
    private static async Task<int> Count(IPage page, string label) =>
        int.Parse(await page.Locator("label.check", new() { Has = page.GetByText(label, new() { Exact = true }) }).Locator(".count").InnerTextAsync(), CultureInfo.InvariantCulture);

    private static async Task<List<string>> Titles(IPage page) =>
        [.. (await page.Locator(".product-grid .product-card h3").AllInnerTextsAsync()).Select(t => t.Trim())];

    private static async Task<List<string>> Chips(IPage page) =>
        [.. (await page.Locator(".active-filters .chip").AllInnerTextsAsync()).Select(t => ChipRemove().Replace(t, "").Trim())];

    [GeneratedRegex(@"\s*✕\s*$")]
    private static partial Regex ChipRemove();
}

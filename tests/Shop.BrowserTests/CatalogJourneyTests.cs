using System.Net.Http.Json;
using Microsoft.Playwright;
using Shop.Testing;
using Shop.Web.Platform.Media;

namespace Shop.BrowserTests;

public sealed class CatalogJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly SemaphoreSlim Setup = new(1, 1);
    private static bool seeded;
    private static string fashionSlug = "";

    /// <summary>A small shop: a fashion tree with kurtas from two brands, one with sizes and colours.</summary>
    private async Task SeedAsync()
    {
        await Setup.WaitAsync();
        try
        {
            if (seeded)
                return;
            var catalog = await CatalogClient.CreateAsync(browser.Shop);
            var fashion = await catalog.CategoryAsync("Fashion");
            var kurtas = await catalog.CategoryAsync("Kurtas", fashion.GetProperty("id").GetString());
            fashionSlug = fashion.GetProperty("slug").GetString()!;
            var kurtaId = kurtas.GetProperty("id").GetString()!;
            var picture = await catalog.UploadAsync(21);
            await catalog.ProductAsync("Handloom Cotton Kurta", kurtaId,
            [
                CatalogClient.Variant("HCK-M-IND", 1499, stock: 20, options: new { size = "M", colour = "Indigo" }),
                CatalogClient.Variant("HCK-L-IND", 1499, stock: 0, options: new { size = "L", colour = "Indigo" }),
                CatalogClient.Variant("HCK-M-RUS", 1599, stock: 3, options: new { size = "M", colour = "Rust" }),
            ], brand: "Fabindia", images: [picture], description: "Hand-woven **cotton**, breathable in the summer.");
            for (var i = 1; i <= 3; i++)
                await catalog.ProductAsync($"Printed Silk Kurta {i}", kurtaId, [CatalogClient.Variant($"PSK-{i}", 2999 + i * 100, stock: 5)], brand: "Manyavar",
                    images: [await catalog.UploadAsync(30 + i)]);
            seeded = true;
        }
        finally
        {
            Setup.Release();
        }
    }

    [Fact]
    public async Task A_shopper_browses_a_category_filters_by_brand_and_picks_a_variant()
    {
        await SeedAsync();
        var (page, errors) = await browser.NewPageAsync();
        await page.GotoAsync("/");

        await page.GetByRole(AriaRole.Link, new() { NameRegex = new("^Fashion") }).First.ClickAsync();
        await page.WaitForURLAsync($"**/c/{fashionSlug}");
        Assert.Equal("Fashion", await page.Locator("h1").InnerTextAsync());
        Assert.Equal("4 products", await page.GetByRole(AriaRole.Status).InnerTextAsync());

        var brandFacet = page.Locator(".facet", new() { HasText = "Brand" });
        Assert.Contains("1", await brandFacet.Locator("li", new() { HasText = "Fabindia" }).Locator(".count").InnerTextAsync());
        await brandFacet.GetByRole(AriaRole.Checkbox, new() { Name = "Fabindia" }).CheckAsync();
        await page.WaitForURLAsync(url => url.Contains("brand=Fabindia"));
        Assert.Equal("1 product", await page.GetByRole(AriaRole.Status).InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "category-filtered.png"), FullPage = true });

        await page.GetByRole(AriaRole.Link, new() { Name = "Handloom Cotton Kurta" }).ClickAsync();
        Assert.Equal("Handloom Cotton Kurta", await page.Locator("h1").InnerTextAsync());
        Assert.Contains("₹1,499", await page.GetByTestId("price").InnerTextAsync());
        Assert.Equal("In stock", (await page.GetByTestId("availability").InnerTextAsync()).Trim());

        await page.GetByLabel("Rust").CheckAsync();
        Assert.Contains("₹1,599", await page.GetByTestId("price").InnerTextAsync());
        Assert.Equal("Only 3 left", (await page.GetByTestId("availability").InnerTextAsync()).Trim());
        Assert.True(await page.Locator("script[type='application/ld+json']").CountAsync() == 1);
        Assert.Empty(errors);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "product-page.png"), FullPage = true });
    }

    [Fact]
    public async Task Each_option_picked_shows_its_price_stock_and_picture_and_is_the_one_added_to_the_cart()
    {
        var catalog = await CatalogClient.CreateAsync(browser.Shop);
        var sneakers = await catalog.CategoryAsync("Sneakers");
        string Sku(string name) => $"{name}-{Guid.NewGuid():N}"[..16].ToUpperInvariant();
        var (uk7White, uk8White, uk9White, uk8Black) = (Sku("PS7W"), Sku("PS8W"), Sku("PS9W"), Sku("PS8B"));
        // Pictures belong to the product; the one whose description names the colour is that colour's.
        var product = await CatalogClient.Expect(await catalog.Seller.PostAsJsonAsync("/api/v1/seller/products", new
        {
            title = CatalogClient.Unique("Puma Smash Sneakers"), brand = "Puma", description = "Leather court sneakers.", categoryId = sneakers.GetProperty("id").GetString(),
            status = "active",
            variants = new[]
            {
                CatalogClient.Variant(uk7White, 2999, stock: 20, options: new { size = "UK 7", colour = "White" }, compareAtPrice: 3999),
                CatalogClient.Variant(uk8White, 3199, stock: 20, options: new { size = "UK 8", colour = "White" }),
                CatalogClient.Variant(uk9White, 3299, stock: 0, options: new { size = "UK 9", colour = "White" }),
                CatalogClient.Variant(uk8Black, 3099, stock: 20, options: new { size = "UK 8", colour = "Black" }, compareAtPrice: 3499),
            },
            images = new[] { new { hash = await catalog.UploadAsync(61), altText = "White sneaker, side" }, new { hash = await catalog.UploadAsync(62), altText = "Black sneaker, side" } },
        }), System.Net.HttpStatusCode.Created);
        var slug = product.GetProperty("slug").GetString()!;
        var (page, errors) = await browser.NewPageAsync();
        var price = page.GetByTestId("price");
        var stock = page.GetByTestId("availability");
        var addToCart = page.GetByRole(AriaRole.Button, new() { Name = "Add to cart" });
        Task Pick(string value) => page.GetByLabel(value, new() { Exact = true }).CheckAsync();

        await page.GotoAsync($"/p/{slug}");
        Assert.False(await page.GetByRole(AriaRole.Button, new() { Name = "Show this choice" }).IsVisibleAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "product-options.png"), FullPage = true });
        foreach (var (size, colour, sku, shown, compareAt) in new[]
        {
            ("UK 8", "White", uk8White, "₹3,199.00", (string?)null),
            ("UK 8", "Black", uk8Black, "₹3,099.00", "₹3,499.00"),
            ("UK 7", "White", uk7White, "₹2,999.00", "₹3,999.00"),
        })
        {
            await page.GotoAsync($"/p/{slug}");
            await Pick(size);
            await Pick(colour);
            Assert.Equal(shown, (await price.Locator("[data-variant-price]").InnerTextAsync()).Trim());
            Assert.Equal(compareAt is not null, await price.Locator("s").IsVisibleAsync());
            if (compareAt is not null)
                Assert.Equal(compareAt, await price.Locator("s").InnerTextAsync());
            Assert.Equal("In stock", (await stock.InnerTextAsync()).Trim());
            Assert.Equal($"{colour} sneaker, side", await page.Locator("[data-gallery-image]").GetAttributeAsync("alt"));
            Assert.Contains(sku, await page.Locator(".buy-box").InnerTextAsync());
            await addToCart.ClickAsync();
            await page.GetByText("Added to your cart.").WaitForAsync();
            var line = page.GetByTestId("cart-line").Filter(new() { HasText = $"{size} / {colour}" });
            Assert.Contains(shown, await line.InnerTextAsync());
        }
        Assert.Equal(3, await page.GetByTestId("cart-line").CountAsync());

        await page.GotoAsync($"/p/{slug}");
        await Pick("UK 9");
        Assert.Equal("Out of stock", (await stock.InnerTextAsync()).Trim());
        Assert.True(await addToCart.IsDisabledAsync());
        Assert.Contains("unavailable", await page.Locator("label.option", new() { HasText = "UK 9" }).GetAttributeAsync("class") ?? "");
        Assert.Contains("unavailable", await page.Locator("label.option", new() { HasText = "Black" }).GetAttributeAsync("class") ?? "");
        Assert.Equal("Not in stock with the other options chosen", await page.GetByLabel("Black", new() { Exact = true }).EvaluateAsync<string>("input => document.getElementById(input.getAttribute('aria-describedby')).textContent"));
        Assert.Null(await page.GetByLabel("UK 8").GetAttributeAsync("aria-describedby"));
        await Pick("Black");
        Assert.Equal("Not available in this combination", (await stock.InnerTextAsync()).Trim());
        Assert.True(await addToCart.IsDisabledAsync());
        await Pick("UK 8");
        Assert.False(await addToCart.IsDisabledAsync());
        Assert.Contains("size=UK+8", page.Url);
        Assert.Empty(errors);
        foreach (var width in new[] { 1366, 390 })
        {
            var (shot, _) = await browser.NewPageAsync(width, 900);
            await shot.GotoAsync($"/p/{slug}?size=UK+8&colour=Black");
            await shot.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, $"product-options-{width}.png"), FullPage = true });
        }
    }

    [Fact]
    public async Task Sorting_is_a_choice_that_keeps_the_filters_with_or_without_javascript()
    {
        await SeedAsync();
        var (page, errors) = await browser.NewPageAsync();
        await page.GotoAsync($"/c/{fashionSlug}?brand=Manyavar");
        Assert.Equal("3 products", await page.GetByRole(AriaRole.Status).InnerTextAsync());
        Assert.False(await page.GetByRole(AriaRole.Button, new() { Name = "Sort", Exact = true }).IsVisibleAsync());

        await page.GetByLabel("Sort by").SelectOptionAsync("price-desc");
        await page.WaitForURLAsync(url => url.Contains("sort=price-desc"));
        Assert.Contains("brand=Manyavar", page.Url);
        Assert.Equal("3 products", await page.GetByRole(AriaRole.Status).InnerTextAsync());
        Assert.Equal("price-desc", await page.GetByLabel("Sort by").InputValueAsync());
        Assert.Contains("Printed Silk Kurta 3", await page.GetByRole(AriaRole.Link, new() { NameRegex = new("^Printed Silk Kurta") }).First.InnerTextAsync());
        Assert.Empty(errors);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "category-sorted-1366.png") });

        // On a phone the filters wait behind a button that says how many are on; the results come first.
        await page.SetViewportSizeAsync(390, 844);
        await page.ReloadAsync();
        var filters = page.Locator("aside.facets > details");
        Assert.Equal("Filters (1)", (await filters.Locator(":scope > summary").InnerTextAsync()).Trim());
        Assert.False(await filters.EvaluateAsync<bool>("d => d.open"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "category-sorted-390.png") });
        await filters.Locator(":scope > summary").ClickAsync();
        Assert.True(await filters.EvaluateAsync<bool>("d => d.open"));
        Assert.True(await page.GetByRole(AriaRole.Checkbox, new() { Name = "Fabindia" }).IsVisibleAsync());

        var context = await browser.Browser.NewContextAsync(new() { BaseURL = browser.Shop.ServerAddress.ToString(), JavaScriptEnabled = false });
        var plain = await context.NewPageAsync();
        await plain.GotoAsync($"/c/{fashionSlug}?brand=Manyavar");
        await plain.GetByLabel("Sort by").SelectOptionAsync("price-asc");
        await plain.GetByRole(AriaRole.Button, new() { Name = "Sort", Exact = true }).ClickAsync();
        await plain.WaitForURLAsync(url => url.Contains("sort=price-asc"));
        Assert.Contains("brand=Manyavar", plain.Url);
        Assert.Contains("Printed Silk Kurta 1", await plain.GetByRole(AriaRole.Link, new() { NameRegex = new("^Printed Silk Kurta") }).First.InnerTextAsync());
        await context.CloseAsync();
    }

    [Fact]
    public async Task Without_javascript_the_picker_asks_the_server_and_the_chosen_option_is_added()
    {
        await SeedAsync();
        var context = await browser.Browser.NewContextAsync(new() { BaseURL = browser.Shop.ServerAddress.ToString(), JavaScriptEnabled = false });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/search?q=handloom");
        await page.GetByRole(AriaRole.Link, new() { Name = "Handloom Cotton Kurta" }).ClickAsync();

        await page.GetByLabel("Rust").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Show this choice" }).ClickAsync();
        Assert.Contains("₹1,599", await page.GetByTestId("price").InnerTextAsync());
        Assert.Equal("Only 3 left", (await page.GetByTestId("availability").InnerTextAsync()).Trim());
        await page.GetByLabel("L", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Indigo").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Show this choice" }).ClickAsync();
        Assert.Equal("Out of stock", (await page.GetByTestId("availability").InnerTextAsync()).Trim());
        Assert.True(await page.GetByRole(AriaRole.Button, new() { Name = "Add to cart" }).IsDisabledAsync());

        await page.GetByLabel("M", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Rust").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Show this choice" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to cart" }).ClickAsync();
        await page.GetByText("Added to your cart.").WaitForAsync();
        Assert.Contains("M / Rust", await page.GetByTestId("cart-line").InnerTextAsync());
        await context.CloseAsync();
    }

    [Fact]
    public async Task Search_suggests_while_typing_and_forgives_typos()
    {
        await SeedAsync();
        var (page, errors) = await browser.NewPageAsync(390, 844);
        await page.GotoAsync("/");

        await page.Locator("#site-search").PressSequentiallyAsync("handl", new() { Delay = 40 });
        var suggestion = page.Locator("#search-suggestions a", new() { HasText = "Handloom Cotton Kurta" });
        await suggestion.WaitForAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "suggestions-phone.png") });

        await page.Locator("#site-search").FillAsync("kurat");
        await page.Locator("#site-search").PressAsync("Enter");
        await page.WaitForURLAsync("**/search?q=kurat");
        Assert.Contains("Showing results for kurta", await page.GetByRole(AriaRole.Status).First.InnerTextAsync());
        Assert.Equal("kurat", await page.Locator("#site-search").InputValueAsync());
        Assert.Equal(4, await page.Locator(".product-card").CountAsync());
        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_seller_creates_a_product_with_two_variants_and_a_picture()
    {
        await SeedAsync();
        var email = ApiClient.NewEmail("seller");
        await browser.Shop.RegisterConfirmedAsync(email);
        await browser.Shop.GrantRolesAsync(email, "seller");
        var (page, _) = await browser.NewPageAsync();
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(ApiClient.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(browser.Shop.ServerAddress.ToString());

        await page.GetByRole(AriaRole.Link, new() { Name = "Seller" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "New product" }).First.ClickAsync();
        Task Fill(string label, string value) => page.GetByLabel(label, new() { Exact = true }).FillAsync(value);
        await page.GetByLabel("Title").FillAsync("Block Print Dupatta");
        await page.GetByLabel("Brand").FillAsync("Jaipur Prints");
        await page.GetByLabel("Category").SelectOptionAsync(new SelectOptionValue { Label = "   Kurtas" });
        await page.GetByLabel("Description").FillAsync("Hand block printed **mulmul** cotton.");
        await Fill("SKU of variant 1", "BPD-RED");
        await Fill("Options of variant 1", "colour=Red");
        await Fill("Price of variant 1", "899");
        await Fill("Opening stock of variant 1", "12");
        await Fill("SKU of variant 2", "BPD-BLUE");
        await Fill("Options of variant 2", "colour=Red");
        await Fill("Price of variant 2", "949");
        await page.GetByLabel("Status").SelectOptionAsync("Active");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save product" }).ClickAsync();
        Assert.Contains("same options", await page.Locator(".validation-message").First.InnerTextAsync()); // refused, nothing lost
        Assert.Equal("BPD-BLUE", await page.GetByLabel("SKU of variant 2", new() { Exact = true }).InputValueAsync());

        await Fill("Options of variant 2", "colour=Blue");
        await Fill("Opening stock of variant 2", "5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save product" }).ClickAsync();
        await page.WaitForURLAsync("**done=created");

        var file = Path.Combine(Path.GetTempPath(), $"dupatta-{Guid.NewGuid():N}.png");
        await File.WriteAllBytesAsync(file, TestPictures.Png(400, 400, 99));
        await page.GetByLabel("Add a picture").SetInputFilesAsync(file);
        await page.GetByLabel("Describe the picture").FillAsync("Red dupatta folded on a chair");
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
        await page.WaitForURLAsync("**done=image");
        Assert.Equal(1, await page.Locator(".picture-list img").CountAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "seller-product.png"), FullPage = true });

        await page.GetByRole(AriaRole.Link, new() { Name = "View in the shop" }).ClickAsync();
        Assert.Equal("Block Print Dupatta", await page.Locator("h1").InnerTextAsync());
        Assert.Equal("Red dupatta folded on a chair", await page.Locator("[data-gallery-image]").GetAttributeAsync("alt"));
        Assert.Equal(2, await page.Locator(".variant-table tbody tr").CountAsync());
    }
}

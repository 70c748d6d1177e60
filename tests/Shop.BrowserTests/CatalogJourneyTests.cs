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
        await brandFacet.GetByRole(AriaRole.Link, new() { NameRegex = new("Fabindia") }).ClickAsync();
        Assert.Equal("1 product", await page.GetByRole(AriaRole.Status).InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "category-filtered.png"), FullPage = true });

        await page.GetByRole(AriaRole.Link, new() { Name = "Handloom Cotton Kurta" }).ClickAsync();
        Assert.Equal("Handloom Cotton Kurta", await page.Locator("h1").InnerTextAsync());
        Assert.Contains("₹1,499", await page.GetByTestId("price").InnerTextAsync());
        Assert.Equal("In stock", (await page.GetByTestId("availability").InnerTextAsync()).Trim());

        await page.GetByLabel("Rust").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Show this choice" }).ClickAsync();
        Assert.Contains("₹1,599", await page.GetByTestId("price").InnerTextAsync());
        Assert.Equal("Only 3 left", (await page.GetByTestId("availability").InnerTextAsync()).Trim());
        Assert.True(await page.Locator("script[type='application/ld+json']").CountAsync() == 1);
        Assert.Empty(errors);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "product-page.png"), FullPage = true });
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
        await File.WriteAllBytesAsync(file, ProductArt.Render(99, 400, 400));
        await page.GetByLabel("Add a picture").SetInputFilesAsync(file);
        await page.GetByLabel("Describe the picture").FillAsync("Red dupatta folded on a chair");
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
        await page.WaitForURLAsync("**done=image");
        Assert.Equal(1, await page.Locator(".picture-list img").CountAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "seller-product.png"), FullPage = true });

        await page.GetByRole(AriaRole.Link, new() { Name = "View in the shop" }).ClickAsync();
        Assert.Equal("Block Print Dupatta", await page.Locator("h1").InnerTextAsync());
        Assert.Equal("Red dupatta folded on a chair", await page.Locator(".main-image").GetAttributeAsync("alt"));
        Assert.Equal(2, await page.Locator(".variant-table tbody tr").CountAsync());
    }
}

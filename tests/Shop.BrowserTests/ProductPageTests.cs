using System.Net.Http.Json;
using Microsoft.Playwright;
using Shop.Testing;

namespace Shop.BrowserTests;

public sealed class ProductPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Indigo = "Indigo kurta, front", Rust = "Rust kurta, front", Weave = "Kurta, close-up of the weave";

    /// <summary>A kurta in two colours with three pictures, by a seller the browser can sign in as.</summary>
    private async Task<(string Slug, string Id, string SellerEmail, string Title)> KurtaAsync()
    {
        var title = CatalogClient.Unique("Gallery Kurta");
        var catalog = await CatalogClient.CreateAsync(browser.Shop);
        var (seller, email) = await browser.Shop.SignedInClientAsync("seller", "seller");
        var category = await catalog.CategoryAsync("Kurtas");
        var product = await CatalogClient.Expect(await seller.PostAsJsonAsync("/api/v1/seller/products", new
        {
            title, brand = "Fabindia", description = "Hand-woven cotton.", categoryId = category.GetProperty("id").GetString(),
            status = "active",
            variants = new[]
            {
                CatalogClient.Variant($"GK-IND-{Guid.NewGuid():N}"[..16].ToUpperInvariant(), 1499, stock: 5, options: new { colour = "Indigo" }),
                CatalogClient.Variant($"GK-RUS-{Guid.NewGuid():N}"[..16].ToUpperInvariant(), 1599, stock: 5, options: new { colour = "Rust" }),
            },
            images = new[]
            {
                new { hash = await catalog.UploadAsync(71, seller), altText = Indigo },
                new { hash = await catalog.UploadAsync(72, seller), altText = Rust },
                new { hash = await catalog.UploadAsync(73, seller), altText = Weave },
            },
        }), System.Net.HttpStatusCode.Created);
        return (product.GetProperty("slug").GetString()!, product.GetProperty("id").GetString()!, email, title);
    }

    [Fact]
    public async Task A_shopper_moves_through_the_pictures_by_mouse_keyboard_and_variant_and_opens_a_larger_view()
    {
        var (slug, _, _, _) = await KurtaAsync();
        var (page, errors) = await browser.NewPageAsync();
        var main = page.Locator("[data-gallery-image]");
        var thumbs = page.GetByRole(AriaRole.List, new() { Name = "Pictures of" }).GetByRole(AriaRole.Link);

        await page.GotoAsync($"/p/{slug}");
        Assert.Equal(Indigo, await main.GetAttributeAsync("alt"));
        Assert.EndsWith(".webp", await main.EvaluateAsync<string>("img => img.currentSrc"));
        Assert.Equal((600, 600), (int.Parse((await main.GetAttributeAsync("width"))!), int.Parse((await main.GetAttributeAsync("height"))!)));
        Assert.Contains(".webp", await page.Locator("link[rel=preload][as=image]").GetAttributeAsync("imagesrcset"));
        Assert.Equal(3, await thumbs.CountAsync());

        await thumbs.Nth(2).ClickAsync();
        Assert.Equal(Weave, await main.GetAttributeAsync("alt"));
        Assert.Equal("true", await thumbs.Nth(2).GetAttributeAsync("aria-current"));
        Assert.Equal($"/p/{slug}", new Uri(page.Url).AbsolutePath); // swapped in place, no page load

        await page.Keyboard.PressAsync("ArrowLeft");
        Assert.Equal(Rust, await main.GetAttributeAsync("alt"));
        Assert.True(await thumbs.Nth(1).EvaluateAsync<bool>("a => a === document.activeElement"));
        await page.Keyboard.PressAsync("Home");
        Assert.Equal(Indigo, await main.GetAttributeAsync("alt"));

        await page.GetByRole(AriaRole.Link, new() { Name = "Larger view of picture 1 of 3" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        Assert.Equal($"2 of 3: {Rust}", await dialog.Locator("[data-gallery-count]").InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "product-gallery-larger-view.png") });
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(dialog).ToBeHiddenAsync();

        await thumbs.Nth(2).ClickAsync();
        await page.GetByLabel("Rust", new() { Exact = true }).CheckAsync();
        Assert.Equal(Rust, await main.GetAttributeAsync("alt"));
        await page.GetByLabel("Indigo", new() { Exact = true }).CheckAsync();
        Assert.Equal(Indigo, await main.GetAttributeAsync("alt"));
        Assert.Empty(errors);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "product-gallery.png"), FullPage = true });
        var (phone, _) = await browser.NewPageAsync(390, 844);
        await phone.GotoAsync($"/p/{slug}");
        await phone.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "product-gallery-phone.png"), FullPage = true });
    }

    [Fact]
    public async Task Without_javascript_a_thumbnail_shows_its_picture_and_the_large_one_opens_full_size()
    {
        var (slug, _, _, _) = await KurtaAsync();
        var context = await browser.Browser.NewContextAsync(new() { BaseURL = browser.Shop.ServerAddress.ToString(), JavaScriptEnabled = false });
        var page = await context.NewPageAsync();

        await page.GotoAsync($"/p/{slug}");
        await page.GetByRole(AriaRole.Link, new() { Name = $"Picture 3 of 3: {Weave}" }).ClickAsync();

        Assert.Contains("image=2", page.Url);
        Assert.Equal(Weave, await page.Locator("[data-gallery-image]").GetAttributeAsync("alt"));
        var full = await page.GetByRole(AriaRole.Link, new() { Name = "Larger view of picture 3 of 3" }).GetAttributeAsync("href");
        var response = await page.APIRequest.GetAsync(full!);
        Assert.Equal("image/png", response.Headers["content-type"]);
        await context.CloseAsync();
    }

    [Fact]
    public async Task A_seller_reorders_pictures_and_describes_them_in_the_product_editor()
    {
        var (slug, id, email, _) = await KurtaAsync();
        var (page, errors) = await browser.NewPageAsync();
        await SignIn.AsAsync(page, email);
        await page.GotoAsync($"/seller/products/{id}");
        await Screenshots.AtBothWidthsAsync(page, "seller-product-editor");
        var pictures = page.GetByTestId("picture");

        await page.GetByRole(AriaRole.Button, new() { Name = "Move picture 3 earlier" }).ClickAsync();
        await page.WaitForURLAsync("**done=saved");
        Assert.Equal(Weave, await pictures.Nth(1).GetByLabel("Description").InputValueAsync());
        await pictures.Nth(0).GetByLabel("Description").FillAsync("Indigo kurta, front, on a hanger");
        await pictures.Nth(0).GetByRole(AriaRole.Button, new() { Name = "Save description" }).ClickAsync();
        await page.WaitForURLAsync("**done=saved");
        await pictures.Nth(2).GetByLabel("Description").EvaluateAsync("input => input.removeAttribute('maxlength')");
        await pictures.Nth(2).GetByLabel("Description").FillAsync(new string('x', 201));
        await pictures.Nth(2).GetByRole(AriaRole.Button, new() { Name = "Save description" }).ClickAsync();
        await Assertions.Expect(page.GetByText("at most 200 characters")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "seller-product-pictures.png"), FullPage = true });

        await page.GotoAsync($"/p/{slug}");
        var thumbs = page.GetByRole(AriaRole.List, new() { Name = "Pictures of" }).GetByRole(AriaRole.Link);
        Assert.Equal(["Picture 1 of 3: Indigo kurta, front, on a hanger", $"Picture 2 of 3: {Weave}", $"Picture 3 of 3: {Rust}"],
            await thumbs.EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('aria-label'))"));
        Assert.Empty(errors);
    }

    [Fact]
    public async Task An_admin_finds_a_sellers_product_among_all_products_and_opens_it_in_the_editor()
    {
        var (_, id, _, title) = await KurtaAsync();
        var (_, email) = await browser.Shop.SignedInClientAsync("admin", "admin");
        var (page, errors) = await browser.NewPageAsync();
        await SignIn.AsAsync(page, email);
        await page.GotoAsync("/admin/products");
        Assert.Equal("All products", await page.Locator("h1").InnerTextAsync());
        await Screenshots.AtBothWidthsAsync(page, "admin-products");

        await page.GetByLabel("Title, brand or SKU").FillAsync(title);
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("q="));
        var rows = page.Locator("table tbody tr");
        Assert.Equal(1, await rows.CountAsync());
        Assert.Contains("Fabindia", await rows.InnerTextAsync());
        await rows.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await page.WaitForURLAsync($"**/seller/products/{id}");
        Assert.Equal(title, await page.Locator("h1").InnerTextAsync());
        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_shopper_checks_delivery_to_a_postal_code_and_on_a_phone_add_to_cart_stays_in_reach()
    {
        var (slug, _, _, _) = await KurtaAsync();
        var (admin, _) = await browser.Shop.SignedInClientAsync("admin", "admin");
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (doorstep, rocket) = ($"Doorstep {tag}", $"Rocket {tag}");
        await CatalogClient.Expect(await admin.PostAsJsonAsync("/api/v1/admin/shipping", new
            { code = $"doorstep-{tag}", name = doorstep, deliveryEstimate = "3–6 business days", baseRate = 49, perKgRate = 20, freeOver = 499, sortOrder = 1 }), System.Net.HttpStatusCode.Created);
        await CatalogClient.Expect(await admin.PostAsJsonAsync("/api/v1/admin/shipping", new
            { code = $"rocket-{tag}", name = rocket, deliveryEstimate = "1–2 business days", baseRate = 149, perKgRate = 40, sortOrder = 2 }), System.Net.HttpStatusCode.Created);
        var (page, errors) = await browser.NewPageAsync(390, 844);
        await page.GotoAsync($"/p/{slug}");
        var pin = page.GetByLabel("Postal code");

        await pin.FillAsync("<script>");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Enter a postal code");
        Assert.Equal("true", await pin.GetAttributeAsync("aria-invalid"));

        await page.GetByLabel("Rust", new() { Exact = true }).CheckAsync();
        await pin.FillAsync("560001");
        await pin.PressAsync("Enter");
        await page.WaitForURLAsync("**pin=560001");
        var options = page.GetByTestId("delivery-options").Locator("li");
        // ₹1,599 is over the free-shipping threshold of the first; the second costs its base rate and one started kilogram.
        Assert.Matches($@"^{doorstep}\s+Free\s+arrives \w{{3}} \d{{1,2}} \w{{3}} – \w{{3}} \d{{1,2}} \w{{3}}$", (await options.Filter(new() { HasText = doorstep }).InnerTextAsync()).Trim());
        Assert.Matches($@"^{rocket}\s+₹189\.00\s+arrives ", (await options.Filter(new() { HasText = rocket }).InnerTextAsync()).Trim());
        Assert.Contains("colour=Rust", page.Url); // the chosen option was kept
        Assert.Contains("Rust", await page.Locator(".buy-box").InnerTextAsync());

        await page.Locator("footer").ScrollIntoViewIfNeededAsync();
        var button = await page.GetByRole(AriaRole.Button, new() { Name = "Add to cart" }).BoundingBoxAsync();
        Assert.True(button is { } box && box.Y > 700 && box.Y + box.Height <= 844, $"Add to cart at {button?.Y} on an 844 px screen");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "product-phone-sticky-cart.png") });
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to cart" }).ClickAsync();
        await page.GetByText("Added to your cart.").WaitForAsync();
        Assert.Contains("Rust", await page.GetByTestId("cart-line").InnerTextAsync());
        Assert.Empty(errors);
    }
}

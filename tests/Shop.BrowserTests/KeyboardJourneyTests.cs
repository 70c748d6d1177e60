using Microsoft.Playwright;
using Shop.Testing;

namespace Shop.BrowserTests;

/// <summary>A shopper who uses no mouse: Tab, Shift+Tab, Enter, Space and the arrow keys, from the search box to a placed order.</summary>
public sealed class KeyboardJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_shopper_with_only_a_keyboard_searches_filters_chooses_a_colour_and_places_an_order()
    {
        await browser.Shop.EnsureShippingAsync();
        var catalog = await CatalogClient.CreateAsync(browser.Shop);
        var stoles = (await catalog.CategoryAsync("Stoles")).GetProperty("id").GetString()!;
        // A made-up word of letters only, so that the search finds these two products and nothing else.
        var word = string.Concat(Guid.NewGuid().ToString("N")[..8].Select(c => (char)('a' + Convert.ToInt32(c.ToString(), 16))));
        string Sku() => "KB-" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        var stole = $"Kalamkari Stole {word}";
        await catalog.ProductAsync(stole, stoles,
            [
                CatalogClient.Variant(Sku(), 1599, stock: 6, options: new { colour = "Indigo" }),
                CatalogClient.Variant(Sku(), 1799, stock: 4, options: new { colour = "Madder" }),
            ], brand: "Pedana Prints", images: [await catalog.UploadAsync(91)]);
        await catalog.ProductAsync($"Cotton Dupatta {word}", stoles, [CatalogClient.Variant(Sku(), 899, stock: 9)], brand: "Weavers Guild",
            images: [await catalog.UploadAsync(92)]);
        var (page, errors) = await browser.NewPageAsync();

        // The header's search box, reached with Tab and sent with Enter.
        await page.GotoAsync("/");
        await KeyboardOnly.TabToAsync(page, "#site-search");
        await page.Keyboard.TypeAsync(word);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => url.Contains($"/search?q={word}"));
        Assert.Equal("2 products", await ListingFiltersTests.Status(page));

        // Space ticks a brand, and the filters form sends itself.
        await KeyboardOnly.SkipToContentAsync(page);
        await KeyboardOnly.TabToAsync(page, "input[type=checkbox][name=brand][value='Pedana Prints']");
        await page.Keyboard.PressAsync("Space");
        await page.WaitForURLAsync(url => url.Contains("brand=Pedana+Prints"));
        Assert.Equal("1 product", await ListingFiltersTests.Status(page));
        Assert.True(await page.GetByRole(AriaRole.Checkbox, new() { Name = "Pedana Prints" }).IsCheckedAsync());

        // Enter on the product's card opens it.
        await KeyboardOnly.SkipToContentAsync(page);
        await KeyboardOnly.TabToAsync(page, "a.product-card-link", stole);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => url.Contains("/p/"));
        Assert.Equal(stole, await page.Locator("h1").InnerTextAsync());

        // Tab reaches the chosen colour; an arrow key chooses the other one, and the price follows.
        await KeyboardOnly.TabToAsync(page, ".variant-picker input[type=radio]");
        await KeyboardOnly.ArrowToAsync(page, "Madder");
        Assert.Contains("1,799", await page.GetByTestId("price").InnerTextAsync());

        // Two of them: on to "Add to cart", back with Shift+Tab to the quantity, one more with the arrow key.
        await KeyboardOnly.TabToAsync(page, "form.add-to-cart button[type=submit]");
        await KeyboardOnly.TabToAsync(page, "#quantity", backwards: true);
        await page.Keyboard.PressAsync("ArrowUp");
        Assert.Equal("2", await page.Locator("#quantity").InputValueAsync());
        await KeyboardOnly.TabToAsync(page, "form.add-to-cart button[type=submit]");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/cart?done=added");
        var line = page.GetByTestId("cart-line");
        Assert.Contains(stole, await line.InnerTextAsync());
        Assert.Contains("Madder", await line.InnerTextAsync());
        Assert.Equal("2", await line.GetByRole(AriaRole.Spinbutton).InputValueAsync());
        await Screenshots.AtBothWidthsAsync(page, "cart");

        await KeyboardOnly.SkipToContentAsync(page);
        await KeyboardOnly.TabToAsync(page, "a.checkout-button");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/checkout");
        await Screenshots.AtBothWidthsAsync(page, "checkout");

        // The form typed field by field; cash on delivery chosen with the arrow keys among the ways to pay.
        await KeyboardOnly.SkipToContentAsync(page);
        await KeyboardOnly.TabToAsync(page, "#f-email");
        await page.Keyboard.TypeAsync(ApiClient.NewEmail("keys"));
        await CheckoutForm.TypeShippingAsync(page, CheckoutForm.Chennai);
        await KeyboardOnly.TabToAsync(page, "input[type=radio][name$=PaymentMethod]");
        await KeyboardOnly.ArrowToAsync(page, "Cash on delivery", "ArrowDown");
        await KeyboardOnly.TabToAsync(page, "button[type=submit][value=review]");
        await page.Keyboard.PressAsync("Enter");
        await page.GetByRole(AriaRole.Button, new() { Name = "Place order" }).WaitForAsync();
        Assert.Contains($"2 × {stole}", await page.Locator(".summary-lines").InnerTextAsync());

        await KeyboardOnly.SkipToContentAsync(page);
        await KeyboardOnly.TabToAsync(page, "button[type=submit][value=place]");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => url.Contains("/orders/") && url.EndsWith("placed=1"));
        Assert.Contains("Thank you!", await page.GetByRole(AriaRole.Status).First.InnerTextAsync());
        Assert.Contains(stole, await page.Locator("main").InnerTextAsync());
        Assert.Equal("Placed, pay on delivery", await page.GetByTestId("order-status").InnerTextAsync());
        await Screenshots.AtBothWidthsAsync(page, "order-placed");
        Assert.Empty(errors);
    }
}

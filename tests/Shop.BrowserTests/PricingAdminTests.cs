using Microsoft.Playwright;
using Shop.Testing;

namespace Shop.BrowserTests;

public sealed class PricingAdminTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{

    [Fact]
    public async Task An_admin_sets_up_shipping_tax_and_a_coupon_that_a_shopper_then_uses()
    {
        var catalog = await CatalogClient.CreateAsync(browser.Shop);
        var category = await catalog.CategoryAsync("Sarees");
        var product = await catalog.ProductAsync(CatalogClient.Unique("Kanjivaram Saree"), category.GetProperty("id").GetString()!,
            [CatalogClient.Variant("KSR-" + Guid.NewGuid().ToString("N")[..6], 5250m, stock: 4)]);
        var adminEmail = ApiClient.NewEmail("admin");
        await browser.Shop.RegisterConfirmedAsync(adminEmail);
        await browser.Shop.GrantRolesAsync(adminEmail, "admin");
        var (page, errors) = await browser.NewPageAsync();
        await SignIn.AsAsync(page, adminEmail);

        await page.GotoAsync("/admin/shipping/new");
        var code = "surface-" + Guid.NewGuid().ToString("N")[..6];
        await page.GetByLabel("Code").FillAsync(code);
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Surface cargo");
        await page.GetByLabel("Base rate (₹)").FillAsync("60");
        await page.GetByLabel("Rate per started kg (₹)").FillAsync("15");
        await page.GetByLabel("Regional rates").FillAsync("Kerala, 90, 20\nPIN 68, oops");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save shipping method" }).ClickAsync();
        Assert.StartsWith("Line 2:", await page.Locator(".validation-message").InnerTextAsync());
        await page.GetByLabel("Regional rates").FillAsync("Kerala, 90, 20\nPIN 68, 45, 10");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save shipping method" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/admin/shipping?done=saved"));
        Assert.Contains("PIN 68…: ₹45.00", await page.Locator("table").InnerTextAsync());

        await page.GotoAsync("/admin/tax");
        await page.GetByLabel("Name").FillAsync("GST 5% sarees");
        await page.GetByLabel("Percent").FillAsync("5");
        await page.GetByLabel("Category").SelectOptionAsync(new SelectOptionValue { Label = "Sarees" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Save rate" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/admin/tax?done=saved"));
        Assert.Contains("GST 5% sarees", await page.Locator("table").InnerTextAsync());

        var coupon = "FESTIVE" + Random.Shared.Next(1000, 9999);
        await page.GotoAsync("/admin/coupons/new");
        await page.GetByLabel("Code").FillAsync(coupon);
        await page.GetByLabel("Description").FillAsync("Festive sarees");
        await page.GetByLabel("Amount (percent or rupees)").FillAsync("10");
        await page.GetByLabel("Applies to").SelectOptionAsync(new SelectOptionValue { Label = "One category (with its subcategories)" });
        await page.GetByLabel("Which category, seller or product").SelectOptionAsync(new SelectOptionValue { Label = "Sarees" });
        await page.GetByLabel("Minimum order value (optional)").FillAsync("6000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save coupon" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/admin/coupons?done=saved"));
        Assert.Contains(coupon, await page.Locator("table").InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "admin-coupons.png"), FullPage = true });

        var (shopper, shopperErrors) = await browser.NewPageAsync();
        await shopper.GotoAsync($"/p/{product.GetProperty("slug").GetString()}");
        await shopper.GetByRole(AriaRole.Button, new() { Name = "Add to cart" }).ClickAsync();
        await shopper.GetByText("Added to your cart.").WaitForAsync();
        await shopper.GetByLabel("Coupon code").FillAsync(coupon.ToLowerInvariant());
        await shopper.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        Assert.Equal($"Coupon {coupon}: Add ₹750.00 more to use the coupon {coupon}.", (await shopper.GetByTestId("coupon").Locator("p").InnerTextAsync()).Trim());
        Assert.Equal(0, await shopper.GetByText("The coupon was applied to your cart.").CountAsync()); // only the reason, no success banner
        await shopper.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "cart-refused-coupon.png"), FullPage = true });
        Assert.Equal("₹250.00", await shopper.GetByTestId("tax").InnerTextAsync());

        await shopper.Locator("input[name=Quantity]").FillAsync("2");
        await shopper.GetByRole(AriaRole.Button, new() { Name = "Update" }).ClickAsync();
        await shopper.GetByText("Your cart was updated.").WaitForAsync();
        Assert.Equal($"Coupon {coupon}: you save ₹1,050.00.", (await shopper.GetByTestId("coupon").Locator("p").InnerTextAsync()).Trim());
        Assert.Contains("₹9,450.00", await shopper.GetByTestId("grand-total").InnerTextAsync());
        await shopper.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "cart-coupon.png"), FullPage = true });
        Assert.Empty(errors);
        Assert.Empty(shopperErrors);
    }

    [Fact]
    public async Task A_customer_saves_a_product_to_the_wishlist_and_moves_it_to_the_cart()
    {
        var catalog = await CatalogClient.CreateAsync(browser.Shop);
        var category = await catalog.CategoryAsync("Lamps");
        var product = await catalog.ProductAsync(CatalogClient.Unique("Bidri Table Lamp"), category.GetProperty("id").GetString()!,
            [CatalogClient.Variant("BTL-" + Guid.NewGuid().ToString("N")[..6], 2400m, stock: 2)]);
        var email = ApiClient.NewEmail("wisher");
        await browser.Shop.RegisterConfirmedAsync(email);
        var (page, errors) = await browser.NewPageAsync();
        await SignIn.AsAsync(page, email);

        await page.GotoAsync($"/p/{product.GetProperty("slug").GetString()}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save to wishlist" }).ClickAsync();
        await page.GetByText("Saved to your wishlist.").WaitForAsync();
        Assert.Contains(product.GetProperty("title").GetString()!, await page.GetByTestId("wishlist-item").InnerTextAsync());

        await page.GetByRole(AriaRole.Button, new() { Name = "Move to cart" }).ClickAsync();
        await page.GetByText("Added to your cart.").WaitForAsync();
        Assert.Equal(1, await page.GetByTestId("cart-line").CountAsync());
        await page.GotoAsync("/wishlist");
        Assert.Equal(0, await page.GetByTestId("wishlist-item").CountAsync());
        Assert.Empty(errors);
    }
}

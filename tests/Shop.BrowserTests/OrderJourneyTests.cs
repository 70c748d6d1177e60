using System.Net.Http.Json;
using Microsoft.Playwright;
using Shop.Testing;

namespace Shop.BrowserTests;

public sealed class OrderJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private sealed record Seller(string Email, string ProductSlug, string ProductTitle);

    private async Task<Seller> SellerWithProductAsync(CatalogClient catalog, string title, decimal price)
    {
        var (client, email) = await browser.Shop.SignedInClientAsync("seller", "seller");
        var category = await catalog.CategoryAsync("Homeware");
        var product = await catalog.ProductAsync(title, category.GetProperty("id").GetString()!,
            [CatalogClient.Variant("HOME-" + Guid.NewGuid().ToString("N")[..6], price, stock: 5)], images: [await catalog.UploadAsync(40, client)], client: client);
        return new Seller(email, product.GetProperty("slug").GetString()!, title);
    }


    private static async Task AddToCartAsync(IPage page, string slug)
    {
        await page.GotoAsync($"/p/{slug}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to cart" }).ClickAsync();
        await page.GetByText("Added to your cart.").WaitForAsync();
    }

    [Fact]
    public async Task A_guest_buys_from_two_sellers_and_each_seller_ships_its_part()
    {
        await browser.Shop.EnsureShippingAsync();
        var catalog = await CatalogClient.CreateAsync(browser.Shop);
        var lamp = await SellerWithProductAsync(catalog, CatalogClient.Unique("Brass Diya Lamp"), 650m);
        var rug = await SellerWithProductAsync(catalog, CatalogClient.Unique("Jute Floor Rug"), 1850m);
        var (page, errors) = await browser.NewPageAsync();

        await AddToCartAsync(page, lamp.ProductSlug);
        await AddToCartAsync(page, rug.ProductSlug);
        Assert.Equal(2, await page.GetByTestId("cart-line").CountAsync());
        Assert.Equal("2", await page.Locator("[data-cart-count]").InnerTextAsync());
        Assert.Contains("₹2,500.00", await page.GetByTestId("grand-total").InnerTextAsync());
        await Screenshots.SaveAsync(page, "cart.png");

        await page.GetByRole(AriaRole.Link, new() { Name = "Proceed to checkout" }).ClickAsync();
        var email = ApiClient.NewEmail("guest");
        await page.GetByLabel("Email").FillAsync(email);
        await CheckoutForm.FillShippingAsync(page, CheckoutForm.Chennai);
        await page.GetByLabel("Cash on delivery").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Review order" }).ClickAsync();
        Assert.Contains("₹2,500.00", await page.GetByTestId("grand-total").InnerTextAsync());
        await Screenshots.SaveAsync(page, "checkout-review.png");
        // An impatient double click submits the form twice; the second submission finds the order the first placed.
        await page.GetByRole(AriaRole.Button, new() { Name = "Place order" }).DblClickAsync();

        await page.WaitForURLAsync(url => url.Contains("/orders/") && url.EndsWith("placed=1"));
        Assert.Contains("Thank you!", await page.GetByRole(AriaRole.Status).First.InnerTextAsync());
        var number = (await page.Locator("h1").InnerTextAsync()).Replace("Order ", "");
        Assert.Equal(2, await page.GetByTestId("fulfillment").CountAsync());
        var orderUrl = page.Url;
        await Screenshots.SaveAsync(page, "order-placed.png");
        Assert.Contains(number, (await browser.Shop.WaitForMailAsync(email, "Your Bazaar order")).Subject);
        var (admin, _) = await browser.Shop.SignedInClientAsync("admin", "admin");
        var ordersOfGuest = await admin.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/admin/orders?q={Uri.EscapeDataString(email)}");
        Assert.Equal(1, ordersOfGuest.GetProperty("total").GetInt32());

        foreach (var (seller, tracking) in new[] { (lamp, "DL-1001"), (rug, "BD-2002") })
        {
            var (sellerPage, sellerErrors) = await browser.NewPageAsync();
            await SignIn.AsAsync(sellerPage, seller.Email);
            await sellerPage.GotoAsync("/seller/orders");
            await sellerPage.GetByRole(AriaRole.Link, new() { Name = number }).ClickAsync();
            Assert.Contains(seller.ProductTitle, await sellerPage.Locator("table").InnerTextAsync());
            await sellerPage.GetByLabel("Carrier").FillAsync("Delhivery");
            await sellerPage.GetByLabel("Tracking number").FillAsync(tracking);
            await sellerPage.GetByRole(AriaRole.Button, new() { Name = "Mark as shipped" }).ClickAsync();
            await sellerPage.WaitForURLAsync(url => url.EndsWith("done=updated"));
            Assert.Equal("shipped", await sellerPage.GetByTestId("fulfillment-status").InnerTextAsync());
            Assert.Empty(sellerErrors);
        }

        await page.GotoAsync(orderUrl.Replace("&placed=1", ""));
        Assert.Equal("Shipped", await page.GetByTestId("order-status").InnerTextAsync());
        Assert.Contains("BD-2002", await page.GetByTestId("timeline").InnerTextAsync());
        await Screenshots.SaveAsync(page, "order-shipped.png");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_customer_ships_to_a_new_address_only_by_choosing_it_may_save_it_and_sees_the_same_breakdown_on_every_page()
    {
        await browser.Shop.EnsureShippingAsync();
        var catalog = await CatalogClient.CreateAsync(browser.Shop);
        var vase = await SellerWithProductAsync(catalog, CatalogClient.Unique("Blue Pottery Vase"), 1180m);
        var (taxAdmin, _) = await browser.Shop.SignedInClientAsync("admin", "admin");
        await CatalogClient.Expect(await taxAdmin.PostAsJsonAsync("/api/v1/admin/tax", new { name = "GST 12%", percent = 12m }), System.Net.HttpStatusCode.Created);
        var email = ApiClient.NewEmail("rohan");
        await browser.Shop.RegisterConfirmedAsync(email);
        var account = browser.Shop.BearerClient((await browser.Shop.LoginAsync(email)).AccessToken);
        await CatalogClient.Expect(await account.PostAsJsonAsync("/api/v1/me/addresses", Shopper.Address), System.Net.HttpStatusCode.Created);
        var (page, errors) = await browser.NewPageAsync();
        await SignIn.AsAsync(page, email);
        await AddToCartAsync(page, vase.ProductSlug);
        await page.GotoAsync("/cart");
        var tax = await page.GetByTestId("tax").InnerTextAsync();
        Assert.NotEqual("₹0.00", tax);

        await page.GotoAsync("/checkout");
        Assert.True(await page.GetByLabel("Asha Rao, 12 MG Road").IsCheckedAsync());
        await CheckoutForm.FillShippingAsync(page, new("Rohan Kulkarni", "+91 98220 33333", "14 FC Road", "Pune", "Maharashtra", "411004"));
        Assert.True(await page.GetByLabel("A new address, entered below").IsCheckedAsync()); // typing chose it
        // Choosing the saved address again with the new one still typed: the shop asks rather than guesses.
        await page.GetByLabel("Asha Rao, 12 MG Road").CheckAsync();
        await page.GetByLabel("Cash on delivery").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Review order" }).ClickAsync();
        Assert.Contains("You chose a saved address and also entered a new one.", await page.GetByRole(AriaRole.Alert).InnerTextAsync());
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Place order" }).CountAsync());
        await Screenshots.AtBothWidthsAsync(page, "checkout-address");

        await page.GetByLabel("A new address, entered below").CheckAsync();
        await page.GetByLabel("Save the new address to my address book").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Review order" }).ClickAsync();
        Assert.Equal(tax, await page.GetByTestId("tax").InnerTextAsync());
        Assert.Contains("Tax (included in prices)", await page.GetByTestId("totals").InnerTextAsync());
        await Screenshots.AtBothWidthsAsync(page, "checkout-review");
        await page.GetByRole(AriaRole.Button, new() { Name = "Place order" }).ClickAsync();

        await page.WaitForURLAsync(url => url.Contains("/orders/") && url.EndsWith("placed=1"));
        Assert.Contains("Thank you!", await page.GetByRole(AriaRole.Status).First.InnerTextAsync());
        var shipTo = await page.Locator("address").First.InnerTextAsync();
        Assert.Contains("Rohan Kulkarni", shipTo);
        Assert.Contains("Pune", shipTo);
        Assert.Equal(tax, await page.GetByTestId("tax").InnerTextAsync());
        await Screenshots.AtBothWidthsAsync(page, "order-page");
        var saved = await account.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/me/addresses");
        Assert.Equal(["Bengaluru", "Pune"], saved.EnumerateArray().Select(a => a.GetProperty("city").GetString()).Order());
        var orderId = new Uri(page.Url).AbsolutePath.Split('/')[2];
        var number = (await page.Locator("h1").InnerTextAsync()).Replace("Order ", "");
        Assert.Empty(errors);

        var (sellerPage, sellerErrors) = await browser.NewPageAsync();
        await SignIn.AsAsync(sellerPage, vase.Email);
        await sellerPage.GotoAsync("/seller/orders");
        await sellerPage.GetByRole(AriaRole.Link, new() { Name = number }).ClickAsync();
        Assert.Equal(tax, await sellerPage.GetByTestId("tax").InnerTextAsync());
        Assert.Empty(sellerErrors);

        var adminEmail = ApiClient.NewEmail("admin");
        await browser.Shop.RegisterConfirmedAsync(adminEmail);
        await browser.Shop.GrantRolesAsync(adminEmail, "admin");
        var (admin, adminErrors) = await browser.NewPageAsync();
        await SignIn.AsAsync(admin, adminEmail);
        await admin.GotoAsync($"/admin/orders/{orderId}");
        Assert.Equal(tax, await admin.GetByTestId("tax").InnerTextAsync());
        await admin.GetByLabel("Carrier").FillAsync("India Post");
        await admin.GetByLabel("Tracking number").FillAsync("EE123456789IN");
        await admin.GetByLabel("Why you act for the seller").FillAsync("The seller's phone is off; the parcel left the warehouse on Monday");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Mark shipped" }).ClickAsync();
        await admin.GetByText("The order was updated.").WaitForAsync();
        Assert.Equal("Shipped", await admin.GetByTestId("order-status").InnerTextAsync());
        Assert.Contains("Marked shipped by an admin for the seller: The seller's phone is off", await admin.GetByTestId("timeline").InnerTextAsync());
        await Screenshots.AtBothWidthsAsync(admin, "admin-order");
        Assert.Empty(adminErrors);
    }

    [Fact]
    public async Task A_customer_cart_survives_sign_out_and_merges_with_the_guest_cart_at_sign_in()
    {
        var catalog = await CatalogClient.CreateAsync(browser.Shop);
        var shawl = await SellerWithProductAsync(catalog, CatalogClient.Unique("Pashmina Shawl"), 4200m);
        var mug = await SellerWithProductAsync(catalog, CatalogClient.Unique("Khurja Mug"), 350m);
        var email = ApiClient.NewEmail("meera");
        await browser.Shop.RegisterConfirmedAsync(email);
        var (page, errors) = await browser.NewPageAsync();

        await SignIn.AsAsync(page, email);
        await AddToCartAsync(page, shawl.ProductSlug);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.GotoAsync("/cart");
        Assert.Equal("Your cart is empty. Continue shopping", (await page.Locator("main p").First.InnerTextAsync()).Trim());
        await page.GotoAsync("/checkout");
        Assert.StartsWith("Your cart is empty, so there is nothing to check out.", await page.Locator("main p").First.InnerTextAsync());

        await AddToCartAsync(page, mug.ProductSlug);
        Assert.Equal("1", await page.Locator("[data-cart-count]").InnerTextAsync());
        await SignIn.AsAsync(page, email);
        await page.GotoAsync("/cart");

        var lines = await page.GetByTestId("cart-line").AllInnerTextsAsync();
        Assert.Equal(2, lines.Count);
        Assert.Contains(lines, l => l.Contains(shawl.ProductTitle));
        Assert.Contains(lines, l => l.Contains(mug.ProductTitle));
        Assert.Equal("2", await page.Locator("[data-cart-count]").InnerTextAsync());
        await Screenshots.SaveAsync(page, "cart-merged.png");
        Assert.Empty(errors);
    }
}

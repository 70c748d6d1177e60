using Microsoft.Playwright;
using Shop.Testing;

namespace Shop.BrowserTests;

public sealed class ReviewJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Attack = "<script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned = 2\"> see https://evil.example/win";

    private static Task Screenshot(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, name), FullPage = true });

    [Fact]
    public async Task A_customer_reviews_what_was_delivered_an_admin_approves_it_and_the_product_page_shows_it_as_plain_text()
    {
        await browser.Shop.EnsureShippingAsync();
        var catalog = await CatalogClient.CreateAsync(browser.Shop);
        var category = await catalog.CategoryAsync("Reviewed goods");
        var title = CatalogClient.Unique("Kanjeevaram Silk Saree");
        var product = await catalog.ProductAsync(title, category.GetProperty("id").GetString()!,
            [CatalogClient.Variant("SAR-" + Guid.NewGuid().ToString("N")[..6], 8900m, stock: 5)]);
        var slug = product.GetProperty("slug").GetString()!;
        var (customerApi, customerEmail) = await browser.Shop.SignedInClientAsync("saree");
        var orderId = await browser.Shop.DeliverAsync(customerApi, catalog.Seller, product.GetProperty("variants")[0].GetProperty("id").GetGuid());

        var (page, errors) = await browser.NewPageAsync();
        await SignIn.AsAsync(page, customerEmail);
        await page.GotoAsync($"/orders/{orderId}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Write a review" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = $"Your review of {title}" }).WaitForAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send review" }).ClickAsync();
        await page.GetByText("Choose from 1 to 5 stars.").WaitForAsync();
        await page.GetByLabel("4 stars").CheckAsync();
        await page.GetByLabel("Title").FillAsync("<b>Rich colour</b>");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Your review" }).FillAsync("Drapes beautifully.\n" + Attack);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send review" }).ClickAsync();
        await page.GetByText("Thank you! Your review will appear").WaitForAsync();
        Assert.Contains("Waiting for a moderator", await page.GetByTestId("review-status").InnerTextAsync());

        var (admin, _) = await browser.NewPageAsync();
        var (_, adminEmail) = await browser.Shop.SignedInClientAsync("moderator", "admin");
        await SignIn.AsAsync(admin, adminEmail);
        await admin.GotoAsync("/admin/reviews?q=" + Uri.EscapeDataString("Drapes beautifully"));
        var pending = admin.GetByTestId("moderated-review");
        Assert.Equal(1, await pending.CountAsync());
        Assert.Contains("<b>Rich colour</b>", await pending.Locator("h2").InnerTextAsync());
        await Screenshot(admin, "review-moderation.png");
        await pending.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await admin.GetByText("Approved: the review is on the product page").WaitForAsync();

        await page.GotoAsync($"/p/{slug}");
        var review = page.GetByTestId("review");
        Assert.Equal(1, await review.CountAsync());
        Assert.Equal("<b>Rich colour</b>", await review.Locator(".review-title").InnerTextAsync());
        Assert.Contains(Attack, await review.Locator(".review-body").InnerTextAsync());
        Assert.Equal(0, await review.Locator("b, script, img, a[href*='evil.example']").CountAsync());
        Assert.Null(await page.EvaluateAsync<int?>("() => window.__pwned ?? null"));
        Assert.Contains("4.0", await page.GetByTestId("review-average").InnerTextAsync());
        Assert.Equal("1", await page.GetByTestId("stars-4").InnerTextAsync());
        Assert.Contains("★ 4.0 · 1 review", await page.Locator(".buy-box .rating").InnerTextAsync());
        Assert.Equal("Edit your review", await page.GetByRole(AriaRole.Link, new() { Name = "Edit your review" }).InnerTextAsync());
        await Screenshot(page, "product-reviews.png");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Another_shopper_marks_a_review_helpful_and_sees_recently_viewed_products_on_the_home_page()
    {
        await browser.Shop.EnsureShippingAsync();
        var catalog = await CatalogClient.CreateAsync(browser.Shop);
        var category = await catalog.CategoryAsync("Helpful goods");
        var product = await catalog.ProductAsync(CatalogClient.Unique("Terracotta Planter"), category.GetProperty("id").GetString()!,
            [CatalogClient.Variant("POT-" + Guid.NewGuid().ToString("N")[..6], 450m, stock: 5)]);
        var slug = product.GetProperty("slug").GetString()!;
        var (author, _) = await browser.Shop.SignedInClientAsync("potter");
        await browser.Shop.DeliverAsync(author, catalog.Seller, product.GetProperty("variants")[0].GetProperty("id").GetGuid());
        var written = await CatalogClient.Expect(await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(author,
            $"/api/v1/catalog/products/{slug}/reviews", new { rating = 5, title = "Sturdy and pretty", body = "Drains well, looks lovely on the balcony." }),
            System.Net.HttpStatusCode.Created);
        await CatalogClient.Expect(await catalog.Admin.PostAsync($"/api/v1/admin/reviews/{written.GetProperty("id").GetString()}/approve", null), System.Net.HttpStatusCode.OK);

        var (page, errors) = await browser.NewPageAsync();
        var (_, shopperEmail) = await browser.Shop.SignedInClientAsync("browser");
        await SignIn.AsAsync(page, shopperEmail);
        await page.GotoAsync($"/p/{slug}");
        await page.GetByTestId("review").GetByRole(AriaRole.Button, new() { Name = "Helpful" }).ClickAsync();
        await page.GetByText("Thanks, your vote counts.").WaitForAsync();
        Assert.Contains("1 person found this helpful", await page.GetByTestId("review").InnerTextAsync());

        await page.GotoAsync("/");
        var recent = page.Locator("section:has(#shelf-recently-viewed)");
        Assert.Contains(product.GetProperty("title").GetString()!, await recent.InnerTextAsync());
        Assert.Equal(1, await page.Locator("#shelf-recommended-for-you").CountAsync());
        Assert.Empty(errors);
    }
}

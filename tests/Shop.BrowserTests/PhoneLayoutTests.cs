using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Shop.Testing;

namespace Shop.BrowserTests;

/// <summary>
/// Every page a customer, a seller and an admin reach, at a phone's 390 px: none may be wider than the
/// screen. The account, seller and admin pages are found by following their section navigation and the
/// links on the pages it leads to, so a new page is checked as soon as it is linked.
/// </summary>
public sealed partial class PhoneLayoutTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const int PhoneWidth = 390;
    private const int PagesPerJourney = 80;

    private sealed record Seeded(string CustomerEmail, string SellerEmail, string AdminEmail, string ProductSlug, string CategorySlug, string Coupon);

    private static readonly SemaphoreSlim Setup = new(1, 1);
    private static Seeded? seeded;

    /// <summary>A seller's product with a long name, an order of it, a second one waiting in the cart under a coupon that does not apply.</summary>
    private async Task<Seeded> SeedAsync()
    {
        await Setup.WaitAsync();
        try
        {
            if (seeded is not null)
                return seeded;
            var app = browser.Shop;
            await app.EnsureShippingAsync();
            await app.WriteStarterPagesAsync();
            var (admin, adminEmail) = await app.SignedInClientAsync("admin", "admin");
            var (seller, sellerEmail) = await app.SignedInClientAsync("seller", "seller");
            var catalog = new CatalogClient(app, admin, seller);
            var category = await catalog.CategoryAsync("Handwoven Home Furnishings");
            var product = await catalog.ProductAsync(CatalogClient.Unique("Hand-block-printed Sanganeri Cotton Double Bedsheet with Two Pillow Covers"),
                category.GetProperty("id").GetString()!,
                [
                    CatalogClient.Variant("BED-" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant(), 2450m, stock: 8, options: new { size = "Double", colour = "Indigo" }, compareAtPrice: 3200m),
                    CatalogClient.Variant("BED-" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant(), 2950m, stock: 0, options: new { size = "King", colour = "Indigo" }),
                ], brand: "Sanganeri Block Printers Cooperative", images: [await catalog.UploadAsync(51)]);
            var variant = product.GetProperty("variants")[0].GetProperty("id").GetGuid();

            var (customer, customerEmail) = await app.SignedInClientAsync("phone");
            await customer.AddToCartAsync(variant);
            var order = await CatalogClient.Expect(await customer.CheckoutAsync(email: null), HttpStatusCode.Created);
            await app.WaitForMailAsync(sellerEmail, $"New order to fulfil: {order.GetProperty("number").GetString()}");
            await CatalogClient.Expect(await customer.PostAsJsonAsync("/api/v1/wishlist", new { variantId = variant }), HttpStatusCode.NoContent);
            await customer.AddToCartAsync(variant);
            var coupon = "BIGSPEND" + Random.Shared.Next(1000, 9999);
            await CatalogClient.Expect(await admin.PostAsJsonAsync("/api/v1/admin/coupons",
                new { code = coupon, description = "Big baskets", kind = "percentage", amount = 10m, scope = "cart", minimumOrder = 50_000m }), HttpStatusCode.Created);
            return seeded = new Seeded(customerEmail, sellerEmail, adminEmail, product.GetProperty("slug").GetString()!, category.GetProperty("slug").GetString()!, coupon);
        }
        finally
        {
            Setup.Release();
        }
    }

    [Fact]
    public async Task Every_customer_page_fits_a_phone()
    {
        var shop = await SeedAsync();
        var (page, errors) = await browser.NewPageAsync(PhoneWidth, 844);
        var checker = new WidthChecker(page);
        await SignIn.AsAsync(page, shop.CustomerEmail);

        foreach (var path in new[] { "/", $"/c/{shop.CategorySlug}", $"/p/{shop.ProductSlug}", "/search?q=bedsheet", "/pages/shipping", "/pages/help-and-contact" })
            await checker.VisitAsync(path);

        await checker.VisitAsync("/cart");
        await page.GetByLabel("Coupon code").FillAsync(shop.Coupon);
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await page.GetByTestId("coupon").WaitForAsync();
        await checker.CheckAsync("/cart with a refused coupon");
        await Screenshot(page, "cart-refused-coupon-phone.png");
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove coupon" }).ClickAsync();
        await page.GetByText("The coupon was removed.").WaitForAsync();

        await checker.VisitAsync("/checkout");
        await CheckoutForm.FillShippingAsync(page, CheckoutForm.Chennai);
        await page.GetByLabel("Cash on delivery").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Review order" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Place order" }).WaitForAsync();
        await checker.CheckAsync("/checkout review");

        await checker.CrawlAsync(["/account", "/orders"], path => !path.StartsWith("/seller", StringComparison.Ordinal) && !path.StartsWith("/admin", StringComparison.Ordinal)
            && !path.StartsWith("/p/", StringComparison.Ordinal) && !path.StartsWith("/c/", StringComparison.Ordinal) && !path.StartsWith("/sellers/", StringComparison.Ordinal));
        checker.AssertAllFit(mustInclude: ["/account", "/orders", "/orders/{id}", "/account/addresses", "/account/support", "/wishlist", "/notifications"]);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Every_seller_page_fits_a_phone()
    {
        var shop = await SeedAsync();
        var (page, errors) = await browser.NewPageAsync(PhoneWidth, 844);
        var checker = new WidthChecker(page);
        await SignIn.AsAsync(page, shop.SellerEmail);

        await checker.CrawlAsync(["/seller"], path => path.StartsWith("/seller/", StringComparison.Ordinal) || path == "/seller");
        checker.AssertAllFit(mustInclude: ["/seller", "/seller/products", "/seller/orders", "/seller/orders/{id}", "/seller/stock", "/seller/ledger", "/seller/webhooks"]);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Every_admin_page_fits_a_phone()
    {
        var shop = await SeedAsync();
        var (page, errors) = await browser.NewPageAsync(PhoneWidth, 844);
        var checker = new WidthChecker(page);
        await SignIn.AsAsync(page, shop.AdminEmail);

        await checker.CrawlAsync(["/admin/users"], path => path.StartsWith("/admin/", StringComparison.Ordinal));
        checker.AssertAllFit(mustInclude: ["/admin", "/admin/users", "/admin/orders", "/admin/orders/{id}", "/admin/products", "/admin/coupons", "/admin/ledger", "/seller/stock",
            "/admin/pages", "/admin/pages/{id}"]);
        await page.GotoAsync("/admin/orders");
        await Screenshot(page, "admin-orders-phone.png");
        Assert.Empty(errors);

        var (desktop, _) = await browser.NewPageAsync();
        await SignIn.AsAsync(desktop, shop.AdminEmail);
        await desktop.GotoAsync("/admin/orders");
        await Screenshot(desktop, "admin-orders-desktop.png");
    }

    [Fact]
    public async Task Every_support_console_page_fits_a_phone()
    {
        var shop = await SeedAsync();
        var app = browser.Shop;
        var (agent, agentEmail) = await app.SignedInClientAsync("agent", "support");
        var customer = app.BearerClient((await app.LoginAsync(shop.CustomerEmail)).AccessToken);
        var started = await CatalogClient.Expect(await customer.PostAsJsonAsync("/api/v1/support/conversations",
            new { topic = "returns", message = "The Sanganeri bedsheet's colour ran in the first wash; can I return the whole set?" }), HttpStatusCode.Created);
        await CatalogClient.Expect(await agent.PostAsJsonAsync($"/api/v1/support/console/conversations/{started.GetProperty("id").GetString()}/notes",
            new { body = "Colour-fastness complaint; check the batch with the seller before offering a refund." }), HttpStatusCode.Created);
        var (page, errors) = await browser.NewPageAsync(PhoneWidth, 844);
        var checker = new WidthChecker(page);
        await SignIn.AsAsync(page, agentEmail);

        await checker.CrawlAsync(["/support/console"], path => path.StartsWith("/support/console", StringComparison.Ordinal));
        checker.AssertAllFit(mustInclude: ["/support/console", "/support/console/conversations/{id}", "/support/console/canned-replies", "/support/console/figures"]);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task The_signed_in_header_folds_into_a_menu_on_a_phone()
    {
        var shop = await SeedAsync();
        var (phone, errors) = await browser.NewPageAsync(PhoneWidth, 844);
        await SignIn.AsAsync(phone, shop.SellerEmail);

        var header = phone.Locator("header");
        var signOut = header.GetByRole(AriaRole.Button, new() { Name = "Sign out" });
        var menu = header.Locator(".header-menu > summary");
        Assert.False(await signOut.IsVisibleAsync());
        Assert.True(await header.GetByRole(AriaRole.Link, new() { Name = "Cart" }).IsVisibleAsync());
        Assert.True(await header.GetByRole(AriaRole.Searchbox).IsVisibleAsync());
        await Screenshot(phone, "header-menu-closed-phone.png", fullPage: false);

        await menu.FocusAsync();
        await phone.Keyboard.PressAsync("Enter");
        Assert.True(await signOut.IsVisibleAsync());
        foreach (var link in new[] { "Seller", "Wishlist", "Account" })
            Assert.True(await header.GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).IsVisibleAsync(), link);
        Assert.True(await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"));
        await Screenshot(phone, "header-menu-open-phone.png", fullPage: false);
        await header.GetByRole(AriaRole.Link, new() { Name = "Account", Exact = true }).ClickAsync();
        await phone.WaitForURLAsync("**/account");

        var (desktop, desktopErrors) = await browser.NewPageAsync();
        await SignIn.AsAsync(desktop, shop.SellerEmail);
        Assert.False(await desktop.Locator("header").GetByText("Menu").IsVisibleAsync());
        foreach (var link in new[] { "Seller", "Wishlist", "Account", "Cart" })
            Assert.True(await desktop.Locator("header").GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).IsVisibleAsync(), link);
        await Screenshot(desktop, "header-desktop.png", fullPage: false);
        Assert.Empty(errors);
        Assert.Empty(desktopErrors);
    }

    private static Task Screenshot(IPage page, string name, bool fullPage = true) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, name), FullPage = fullPage });

    /// <summary>Visits pages, one per kind (ids folded), and notes each one wider than the window.</summary>
    private sealed partial class WidthChecker(IPage page)
    {
        private readonly Dictionary<string, string> visited = [];
        private readonly List<string> tooWide = [];

        public async Task VisitAsync(string path)
        {
            var response = await page.GotoAsync(path);
            Assert.True(response is { Ok: true }, $"{path} answered {response?.Status}");
            await CheckAsync(path);
        }

        public async Task CheckAsync(string what)
        {
            visited.TryAdd(Kind(new Uri(page.Url).AbsolutePath), what);
            var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
            if (width > PhoneWidth)
                tooWide.Add($"{what} is {width}px wide");
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, $"phone-{(NotWord().Replace(Kind(what), "-").Trim('-') is { Length: > 0 } name ? name : "home")}.png"), FullPage = true });
        }

        /// <summary>From the start pages, every page linked from a section navigation or a page's content that <paramref name="inJourney"/> keeps.</summary>
        public async Task CrawlAsync(IEnumerable<string> start, Func<string, bool> inJourney)
        {
            var queue = new Queue<string>(start);
            var queued = new HashSet<string>(queue.Select(Kind));
            while (queue.TryDequeue(out var path) && visited.Count < PagesPerJourney)
            {
                // Invoices and exports are files, not pages: asked for first with the page's own sign-in.
                var probe = await page.APIRequest.GetAsync(path);
                Assert.True(probe.Ok, $"{path} answered {probe.Status}");
                if (!(probe.Headers.GetValueOrDefault("content-type") ?? "").StartsWith("text/html", StringComparison.Ordinal))
                    continue;
                await VisitAsync(path);
                var links = await page.EvalOnSelectorAllAsync<string[]>(
                    "nav.account-nav a[href], main a[href]:not([download])",
                    "links => links.filter(a => a.origin === location.origin).map(a => a.pathname + a.search)");
                var sectionLinks = await page.EvalOnSelectorAllAsync<string[]>("nav.account-nav a[href]", "links => links.map(a => a.pathname)");
                foreach (var link in links)
                {
                    var linkPath = link.Split('?')[0];
                    if ((sectionLinks.Contains(linkPath) || inJourney(linkPath)) && !linkPath.StartsWith("/api/", StringComparison.Ordinal) && queued.Add(Kind(linkPath)))
                        queue.Enqueue(link);
                }
            }
        }

        public void AssertAllFit(string[] mustInclude)
        {
            Assert.Empty(mustInclude.Except(visited.Keys));
            Assert.True(tooWide.Count == 0, $"Wider than {PhoneWidth}px: {string.Join("; ", tooWide)} (of {visited.Count} pages: {string.Join(", ", visited.Keys)})");
        }

        /// <summary>A path with its ids and numbers folded, so one order or product stands for all.</summary>
        private static string Kind(string path) => IdSegment().Replace(path.Split('?')[0], "/{id}");

        [GeneratedRegex(@"/[^/]*\d[^/]*")]
        private static partial Regex IdSegment();

        [GeneratedRegex(@"[^a-z0-9]+")]
        private static partial Regex NotWord();
    }
}

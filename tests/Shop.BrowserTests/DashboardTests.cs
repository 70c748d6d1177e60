using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Shop.Testing;

namespace Shop.BrowserTests;

/// <summary>
/// The admin and seller dashboards after real orders: figures as the analytics API gives them, a period
/// changed with the picker, charts drawn on their canvases, and the same figures as tables.
/// </summary>
public sealed class DashboardTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private sealed record Seeded(string AdminEmail, string SellerEmail, Guid SellerId, string OwnProduct, string OtherProduct, int OtherOrders);

    /// <summary>Two sellers: the first sells one cushion cover twice in one order, the second a lamp in two orders.</summary>
    private async Task<Seeded> SeedAsync()
    {
        var shop = browser.Shop;
        await shop.EnsureShippingAsync();
        var (admin, adminEmail) = await shop.SignedInClientAsync("admin", "admin");
        var (seller, sellerEmail) = await shop.ApprovedSellerAsync(admin, CatalogClient.Unique("Kantha House"));
        var (otherSeller, _) = await shop.SignedInClientAsync("seller", "seller");
        var category = await new CatalogClient(shop, admin, seller).CategoryAsync("Dashboard Home Decor");
        var categoryId = category.GetProperty("id").GetString()!;
        var own = await new CatalogClient(shop, admin, seller).ProductAsync(CatalogClient.Unique("Kantha Cushion Cover"), categoryId,
            [CatalogClient.Variant("KAN-" + Guid.NewGuid().ToString("N")[..8], 650m, stock: 4)]);
        var other = await new CatalogClient(shop, admin, otherSeller).ProductAsync(CatalogClient.Unique("Brass Dhokra Lamp"), categoryId,
            [CatalogClient.Variant("DHO-" + Guid.NewGuid().ToString("N")[..8], 3200m, stock: 30)]);

        var (customer, _) = await shop.SignedInClientAsync("buyer");
        await customer.AddToCartAsync(VariantOf(own), quantity: 2);
        await CatalogClient.Expect(await customer.CheckoutAsync(email: null), HttpStatusCode.Created);
        for (var i = 0; i < 2; i++)
        {
            await customer.AddToCartAsync(VariantOf(other));
            await CatalogClient.Expect(await customer.CheckoutAsync(email: null), HttpStatusCode.Created);
        }
        await Eventually.TrueAsync(async () => (await seller.GetFromJsonAsync<JsonElement>("/api/v1/seller/analytics/summary?period=today"))
            .GetProperty("orders").GetProperty("value").GetDecimal() == 1, "the seller's order in the rollups");
        await Eventually.TrueAsync(async () => (await otherSeller.GetFromJsonAsync<JsonElement>("/api/v1/seller/analytics/summary?period=today"))
            .GetProperty("orders").GetProperty("value").GetDecimal() == 2, "the other seller's orders in the rollups");
        return new Seeded(adminEmail, sellerEmail, await shop.UserIdAsync(sellerEmail), own.GetProperty("title").GetString()!, other.GetProperty("title").GetString()!, 2);
    }

    private static Guid VariantOf(JsonElement product) => Guid.Parse(product.GetProperty("variants")[0].GetProperty("id").GetString()!);

    [Fact]
    public async Task An_admin_sees_the_figures_changes_the_period_and_reads_the_charts_as_tables()
    {
        var seeded = await SeedAsync();
        var admin = browser.Shop.BearerClient((await browser.Shop.LoginAsync(seeded.AdminEmail)).AccessToken);
        var (page, errors) = await browser.NewPageAsync();
        await SignIn.AsAsync(page, seeded.AdminEmail);

        await page.GotoAsync("/admin/dashboard");
        Assert.EndsWith("/admin", new Uri(page.Url).AbsolutePath);
        var api = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/analytics/summary");
        Assert.Equal(Count(api, "orders"), await FigureAsync(page, "orders"));
        Assert.Equal(Count(api, "units"), await FigureAsync(page, "units"));

        await page.GetByLabel("Period", new() { Exact = true }).SelectOptionAsync("7d");
        await page.GetByLabel("Compare with").SelectOptionAsync("year");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await page.WaitForURLAsync("**/admin?period=7d*");
        Assert.Contains("compare=year", page.Url);
        Assert.Equal("year", await page.GetByLabel("Compare with").InputValueAsync());
        var week = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/analytics/summary?period=7d&compare=year");
        Assert.Equal(Count(week, "orders"), await FigureAsync(page, "orders"));
        Assert.True(Count(week, "orders") >= 3);
        Assert.Contains("compared with", await page.GetByTestId("period-range").InnerTextAsync());

        foreach (var chart in new[] { "sales", "statuses", "sellers", "categories", "top-products", "payment-methods" })
            Assert.True(await DrawnPixelsAsync(page, chart) > 100, $"the {chart} chart is drawn");

        var sales = page.GetByTestId("chart-sales");
        var table = sales.GetByTestId("sales-table");
        Assert.False(await table.IsVisibleAsync());
        await sales.GetByText("Show as table").ClickAsync();
        Assert.True(await table.IsVisibleAsync());
        Assert.Equal(7, await table.Locator("tbody tr").CountAsync());
        await page.GetByTestId("chart-top-products").GetByText("Show as table").ClickAsync();
        Assert.Contains(seeded.OtherProduct, await page.GetByTestId("chart-top-products").Locator("table").InnerTextAsync());
        Assert.Contains("Dashboard Home Decor", await page.GetByTestId("chart-categories").Locator("table").InnerTextAsync());
        Assert.True(await page.GetByTestId("action-fulfilment").Locator("li").CountAsync() >= 1);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "admin-dashboard-desktop.png"), FullPage = true });

        var salesCsv = await DownloadAsync(page, () => page.GetByTestId("chart-csv-sales").ClickAsync());
        Assert.Matches(@"^sales_\d{4}-\d\d-\d\d_\d{4}-\d\d-\d\d\.csv$", salesCsv.Name);
        Assert.StartsWith("label,Net sales,Orders,", salesCsv.Lines[0]);
        Assert.Equal(8, salesCsv.Lines.Length);
        var ordersByDay = salesCsv.Lines[1..].Sum(l => decimal.Parse(l.Split(',')[2], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(Count(week, "orders"), ordersByDay);
        var productsCsv = await DownloadAsync(page, () => page.GetByTestId("chart-csv-top-products").ClickAsync());
        Assert.Contains(productsCsv.Lines, l => l.StartsWith(seeded.OtherProduct + ",6400.00", StringComparison.Ordinal));

        await page.GotoAsync("/admin/orders");
        await page.GetByText("Download orders as CSV").ClickAsync();
        await page.GetByLabel("Seller").SelectOptionAsync(new SelectOptionValue { Value = seeded.SellerId.ToString() });
        var lines = await DownloadAsync(page, () => page.GetByRole(AriaRole.Button, new() { Name = "Order lines" }).ClickAsync());
        Assert.StartsWith("order_number,placed_at,order_status,seller,", lines.Lines[0]);
        Assert.Contains(seeded.OwnProduct, Assert.Single(lines.Lines[1..]));

        var (phone, phoneErrors) = await browser.NewPageAsync(390, 844);
        await SignIn.AsAsync(phone, seeded.AdminEmail);
        await phone.GotoAsync("/admin?period=7d");
        Assert.True(await DrawnPixelsAsync(phone, "sales") > 100);
        Assert.True(await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"));
        await phone.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "admin-dashboard-phone.png"), FullPage = true });
        Assert.Empty(errors);
        Assert.Empty(phoneErrors);
    }

    [Fact]
    public async Task A_seller_sees_only_its_own_figures()
    {
        var seeded = await SeedAsync();
        var (page, errors) = await browser.NewPageAsync();
        await SignIn.AsAsync(page, seeded.SellerEmail);

        await page.GotoAsync("/seller?period=today&compare=none");
        Assert.Equal(1m, await FigureAsync(page, "orders"));
        Assert.Equal(2m, await FigureAsync(page, "units"));
        Assert.Equal("₹1,300.00", await page.GetByTestId("figure-gross").GetByTestId("figure-value").InnerTextAsync());
        Assert.True(await DrawnPixelsAsync(page, "top-products") > 100);
        var productsCsv = await DownloadAsync(page, () => page.GetByTestId("chart-csv-top-products").ClickAsync());
        Assert.Equal(["label,Gross sales", seeded.OwnProduct + ",1300.00"], productsCsv.Lines);
        var content = await page.ContentAsync();
        Assert.Contains(seeded.OwnProduct, content);
        Assert.DoesNotContain(seeded.OtherProduct, content);
        Assert.Equal(1, await page.GetByTestId("action-to-ship").Locator("li").CountAsync());
        Assert.Contains("placed", await page.GetByTestId("action-to-ship").InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "seller-dashboard-desktop.png"), FullPage = true });

        var (phone, phoneErrors) = await browser.NewPageAsync(390, 844);
        await SignIn.AsAsync(phone, seeded.SellerEmail);
        await phone.GotoAsync("/seller?period=today&compare=none");
        Assert.True(await DrawnPixelsAsync(phone, "sales") > 100);
        Assert.True(await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"));
        await phone.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "seller-dashboard-phone.png"), FullPage = true });

        await page.GotoAsync("/admin");
        Assert.Equal("/account/access-denied", new Uri(page.Url).AbsolutePath);
        Assert.Empty(errors);
        Assert.Empty(phoneErrors);
    }

    /// <summary>The file a click downloads: its suggested name and its lines.</summary>
    private static async Task<(string Name, string[] Lines)> DownloadAsync(IPage page, Func<Task> click)
    {
        var download = await page.RunAndWaitForDownloadAsync(click);
        await using var stream = await download.CreateReadStreamAsync();
        using var reader = new StreamReader(stream);
        return (download.SuggestedFilename, (await reader.ReadToEndAsync()).TrimEnd('\n').Split('\n'));
    }

    private static decimal Count(JsonElement summary, string figure) => summary.GetProperty(figure).GetProperty("value").GetDecimal();

    private static async Task<decimal> FigureAsync(IPage page, string name) =>
        decimal.Parse((await page.GetByTestId($"figure-{name}").GetByTestId("figure-value").InnerTextAsync()).Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>How many pixels of the chart's canvas Chart.js painted, once it says it has drawn.</summary>
    private static async Task<int> DrawnPixelsAsync(IPage page, string chart)
    {
        var canvas = page.GetByTestId($"chart-{chart}").Locator("canvas[data-drawn=true]");
        await canvas.WaitForAsync();
        return await canvas.EvaluateAsync<int>("""
            c => {
              const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
              let painted = 0;
              for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) painted++;
              return painted;
            }
            """);
    }
}

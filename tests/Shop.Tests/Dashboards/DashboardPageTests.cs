using System.Net;
using AngleSharp.Html.Parser;
using Shop.Testing;

namespace Shop.Tests.Dashboards;

/// <summary>Who may open the dashboards, and what a refused period shows.</summary>
public sealed class DashboardPageTests(ShopAppFactory app) : IClassFixture<ShopAppFactory>
{
    [Fact]
    public async Task Only_admins_open_the_admin_dashboard_and_only_sellers_the_seller_dashboard()
    {
        var (customer, _) = await app.SignedInClientAsync("customer");
        var (seller, _) = await app.SignedInClientAsync("seller", "seller");
        var (support, _) = await app.SignedInClientAsync("agent", "support");
        var (admin, _) = await app.SignedInClientAsync("admin", "admin");
        var anonymous = app.CreateClient(new() { AllowAutoRedirect = false });

        foreach (var path in new[] { "/admin", "/admin/dashboard", "/seller" })
        {
            var response = await anonymous.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/sign-in", response.Headers.Location!.PathAndQuery);
        }
        foreach (var (client, path) in new[] { (customer, "/admin"), (seller, "/admin"), (support, "/admin"), (customer, "/admin/dashboard"), (customer, "/seller"), (support, "/seller") })
            Assert.True((await client.GetAsync(path)).StatusCode == HttpStatusCode.Forbidden, path);

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await seller.GetAsync("/seller")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await seller.GetAsync("/seller/products")).StatusCode);
    }

    [Fact]
    public async Task The_old_dashboard_address_leads_to_the_admin_home_with_its_period()
    {
        var (admin, _) = await app.SignedInClientAsync("admin", "admin");
        var token = admin.DefaultRequestHeaders.Authorization!;
        var noRedirect = app.CreateClient(new() { AllowAutoRedirect = false });
        noRedirect.DefaultRequestHeaders.Authorization = token;

        var response = await noRedirect.GetAsync("/admin/dashboard?period=90d");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin?period=90d", response.Headers.Location!.OriginalString.Replace("http://localhost", ""));
    }

    [Theory]
    [InlineData("/admin?period=forever", "Choose today, 7d, 30d, 90d, 12m or custom.")]
    [InlineData("/admin?period=custom&from=2026-02-30&to=2026-03-01", "Write the day as yyyy-MM-dd.")]
    [InlineData("/seller?period=custom&from=2026-03-10&to=2026-03-01", "The last day comes before the first.")]
    [InlineData("/seller?compare=decade", "Compare with previous, year or none.")]
    public async Task A_refused_period_is_explained_and_the_last_30_days_shown(string path, string message)
    {
        var (admin, _) = await app.SignedInClientAsync("admin", "admin", "seller");

        var response = await admin.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Contains(message, document.QuerySelector("[role=alert]")?.TextContent);
        Assert.Equal("30d", document.QuerySelector("#period option[selected]")?.GetAttribute("value"));
        Assert.NotNull(document.QuerySelector("[data-testid=figure-orders]"));
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Shop.Testing;

namespace Shop.Tests.Ledger;

/// <summary>Every seller's balance as admins read it (GET /api/v1/admin/ledger and the /admin/ledger page).</summary>
public sealed class SellerBalancesTests(ShopAppFactory app) : IClassFixture<ShopAppFactory>
{
    [Fact]
    public async Task An_admin_reads_each_sellers_sales_commission_and_balance_and_sellers_may_not()
    {
        var catalog = await CatalogClient.CreateAsync(app);
        var balance = await app.SellAsync(catalog, 800m);
        var sellerId = await catalog.Seller.IdAsync();

        var balances = await catalog.Admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/ledger");
        var page = new HtmlParser().ParseDocument(await catalog.Admin.GetStringAsync("/admin/ledger"));

        var sellers = Assert.Single(balances.EnumerateArray(), b => b.GetProperty("sellerId").GetGuid() == sellerId);
        Assert.Equal(800m, sellers.GetProperty("sales").GetDecimal());
        Assert.Equal(balance, sellers.GetProperty("balance").GetDecimal());
        Assert.Equal(sellers.GetProperty("sales").GetDecimal() + sellers.GetProperty("commission").GetDecimal(), sellers.GetProperty("balance").GetDecimal());
        Assert.NotEmpty(page.QuerySelectorAll("[data-testid=balances] tbody tr"));
        Assert.Equal(HttpStatusCode.Forbidden, (await catalog.Seller.GetAsync("/api/v1/admin/ledger")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await catalog.Seller.GetAsync("/admin/ledger")).StatusCode);
    }
}

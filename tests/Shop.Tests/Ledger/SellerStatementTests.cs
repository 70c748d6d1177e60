using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Shop.Testing;

namespace Shop.Tests.Ledger;

/// <summary>A seller's own statement: the API (GET /api/v1/seller/ledger), its CSV export and the /seller/ledger page.</summary>
public sealed class SellerStatementTests(ShopAppFactory app) : IClassFixture<ShopAppFactory>
{
    [Fact]
    public async Task A_seller_reads_its_sale_and_commission_as_entries_that_add_up_to_its_balance_in_the_api_the_csv_and_the_page()
    {
        var catalog = await CatalogClient.CreateAsync(app);
        var balance = await app.SellAsync(catalog, 300m);

        var statement = await catalog.Seller.GetFromJsonAsync<JsonElement>("/api/v1/seller/ledger");
        var csv = await catalog.Seller.GetStringAsync("/api/v1/seller/ledger/export");
        var page = new HtmlParser().ParseDocument(await catalog.Seller.GetStringAsync("/seller/ledger"));

        var entries = statement.GetProperty("entries").GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(entries, e => e.GetProperty("amount").GetDecimal() == 300m);
        Assert.Contains(entries, e => e.GetProperty("amount").GetDecimal() < 0);
        Assert.Equal(balance, entries.Sum(e => e.GetProperty("amount").GetDecimal()));
        Assert.StartsWith("date,kind,description,amount,currency,balance\n", csv);
        Assert.Equal(entries.Count + 1, csv.TrimEnd('\n').Split('\n').Length);
        Assert.EndsWith("," + balance.ToString("0.00", CultureInfo.InvariantCulture) + "\n", csv);
        Assert.Equal(entries.Count, page.QuerySelectorAll("[data-testid=statement] tbody tr").Length);
    }

    [Fact]
    public async Task A_seller_sees_only_its_own_account_and_customers_and_visitors_see_none()
    {
        var catalog = await CatalogClient.CreateAsync(app);
        await app.SellAsync(catalog, 200m);
        var newcomer = await catalog.AnotherSellerAsync();
        var (customer, _) = await app.SignedInClientAsync("customer");

        var newcomers = await newcomer.GetFromJsonAsync<JsonElement>("/api/v1/seller/ledger");

        Assert.Equal(0m, newcomers.GetProperty("balance").GetDecimal());
        Assert.Empty(newcomers.GetProperty("entries").GetProperty("items").EnumerateArray());
        Assert.Equal("date,kind,description,amount,currency,balance\n", await newcomer.GetStringAsync("/api/v1/seller/ledger/export"));
        Assert.Equal(HttpStatusCode.Forbidden, (await customer.GetAsync("/api/v1/seller/ledger")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/v1/seller/ledger")).StatusCode);
    }
}

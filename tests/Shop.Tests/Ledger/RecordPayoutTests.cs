using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shop.Testing;

namespace Shop.Tests.Ledger;

/// <summary>Recording money paid out to a seller (POST /api/v1/admin/ledger/payouts).</summary>
public sealed class RecordPayoutTests(ShopAppFactory app) : IClassFixture<ShopAppFactory>
{
    [Fact]
    public async Task A_payout_lowers_the_sellers_balance_and_shows_on_its_statement()
    {
        var catalog = await CatalogClient.CreateAsync(app);
        var balance = await app.SellAsync(catalog, 500m);
        var sellerId = await catalog.Seller.IdAsync();

        var paid = await CatalogClient.Expect(await catalog.Admin.PostAsJsonAsync("/api/v1/admin/ledger/payouts", new { sellerId, amount = 100m, reference = "NEFT-PAY-1" }),
            HttpStatusCode.OK);
        var statement = await catalog.Seller.GetFromJsonAsync<JsonElement>("/api/v1/seller/ledger");

        Assert.Equal(balance - 100m, paid.GetProperty("balance").GetDecimal());
        Assert.Equal(balance - 100m, statement.GetProperty("balance").GetDecimal());
        Assert.Contains(statement.GetProperty("entries").GetProperty("items").EnumerateArray(), e => e.GetProperty("amount").GetDecimal() == -100m);
    }

    [Fact]
    public async Task A_payout_beyond_the_balance_or_with_bad_input_is_refused_and_only_admins_record_payouts()
    {
        var (admin, _) = await app.SignedInClientAsync("admin", "admin");
        var (seller, _) = await app.SignedInClientAsync("seller", "seller");
        var sellerId = await seller.IdAsync();

        var nothingEarned = await admin.PostAsJsonAsync("/api/v1/admin/ledger/payouts", new { sellerId, amount = 100m, reference = "NEFT-PAY-2" });
        var negative = await admin.PostAsJsonAsync("/api/v1/admin/ledger/payouts", new { sellerId, amount = -5m, reference = "NEFT-PAY-3" });
        var noReference = await admin.PostAsJsonAsync("/api/v1/admin/ledger/payouts", new { sellerId, amount = 5m });
        var bySeller = await seller.PostAsJsonAsync("/api/v1/admin/ledger/payouts", new { sellerId, amount = 5m, reference = "SELF" });

        Assert.Equal(HttpStatusCode.Conflict, nothingEarned.StatusCode);
        Assert.Equal("payout.exceeds_balance", (await nothingEarned.JsonAsync()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);
        Assert.True((await negative.JsonAsync()).GetProperty("errors").TryGetProperty("Amount", out _));
        Assert.Equal(HttpStatusCode.BadRequest, noReference.StatusCode);
        Assert.True((await noReference.JsonAsync()).GetProperty("errors").TryGetProperty("Reference", out _));
        Assert.Equal(HttpStatusCode.Forbidden, bySeller.StatusCode);
    }
}

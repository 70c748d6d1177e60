using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Shop.Testing;
using Shop.Web.Modules.Payments.Sandbox;

namespace Shop.Tests.Ledger;

public sealed class LedgerTests(ShopAppFactory app) : IClassFixture<ShopAppFactory>
{
    [Fact]
    public async Task Paid_and_refunded_orders_post_balanced_entries_and_payouts_never_exceed_the_balance()
    {
        await app.EnsureShippingAsync();
        var (admin, _) = await app.SignedInClientAsync("admin", "admin");
        var catalog = new CatalogClient(app, admin, (await app.SignedInClientAsync("seller", "seller")).Client);
        var (otherSeller, otherEmail) = await app.SignedInClientAsync("seller", "seller");
        var sellerId = (await catalog.Seller.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("id").GetGuid();
        var otherId = await app.UserIdAsync(otherEmail);
        var books = await catalog.CategoryAsync("Books");
        var lamps = await catalog.CategoryAsync("Lamps");
        await CatalogClient.Expect(await admin.PutAsJsonAsync("/api/v1/admin/commission-rules", new { percent = 10m }), HttpStatusCode.OK);
        await CatalogClient.Expect(await admin.PutAsJsonAsync("/api/v1/admin/commission-rules", new { categoryId = books.GetProperty("id").GetString(), percent = 5m }), HttpStatusCode.OK);
        var book = await catalog.ProductAsync(CatalogClient.Unique("Malgudi Days"), books.GetProperty("id").GetString()!, [CatalogClient.Variant("BK-" + Guid.NewGuid().ToString("N")[..6], 400m)]);
        var lamp = await catalog.ProductAsync(CatalogClient.Unique("Dhokra Lamp"), lamps.GetProperty("id").GetString()!, [CatalogClient.Variant("LP-" + Guid.NewGuid().ToString("N")[..6], 600m)], client: otherSeller);
        Guid VariantOf(JsonElement product) => Guid.Parse(product.GetProperty("variants")[0].GetProperty("id").GetString()!);

        var guest = await app.GuestWithCartAsync(VariantOf(book));
        await guest.AddToCartAsync(VariantOf(lamp));
        var order = await CatalogClient.Expect(await guest.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/checkout")
        {
            Content = JsonContent.Create(new { email = ApiClient.NewEmail("reader"), shippingAddress = Shopper.Address, shippingMethod = "standard", paymentMethod = "sandbox" }),
        }), HttpStatusCode.Created);
        var access = Uri.EscapeDataString(order.GetProperty("accessToken").GetString()!);
        var started = await CatalogClient.Expect(await guest.PostAsJsonAsync($"/api/v1/orders/{order.GetProperty("id").GetString()}/payments?access={access}", new { method = "sandbox" }), HttpStatusCode.Created);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var payment = await scope.ServiceProvider.GetRequiredService<Shop.Web.Modules.Payments.Attempts.PaymentService>().FindAsync(started.GetProperty("paymentId").GetGuid());
            await app.Services.GetRequiredService<SandboxGateway>().SendCallbackAsync(payment!, Shop.Web.Modules.Payments.Providers.ProviderOutcome.Succeeded, null);
        }

        var balances = await Eventually.GetAsync(async () => await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/ledger"),
            b => b.GetArrayLength() >= 2, "sales posted for both sellers");
        JsonElement Of(JsonElement all, Guid id) => all.EnumerateArray().Single(b => b.GetProperty("sellerId").GetGuid() == id);
        Assert.Equal(400m, Of(balances, sellerId).GetProperty("sales").GetDecimal());
        Assert.Equal(-20m, Of(balances, sellerId).GetProperty("commission").GetDecimal());
        Assert.Equal(-60m, Of(balances, otherId).GetProperty("commission").GetDecimal());
        Assert.Equal(540m, Of(balances, otherId).GetProperty("balance").GetDecimal());

        await CatalogClient.Expect(await admin.PostAsJsonAsync($"/api/v1/admin/orders/{order.GetProperty("id").GetString()}/refunds", new { amount = 500m, reason = "Late delivery" }), HttpStatusCode.OK);
        var refunded = await Eventually.GetAsync(async () => await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/ledger"),
            b => Of(b, sellerId).GetProperty("refunds").GetDecimal() != 0, "the refund posted");
        Assert.Equal(-200m, Of(refunded, sellerId).GetProperty("refunds").GetDecimal());
        Assert.Equal(-300m, Of(refunded, otherId).GetProperty("refunds").GetDecimal());
        Assert.Equal(-10m, Of(refunded, sellerId).GetProperty("commission").GetDecimal());
        Assert.Equal(190m, Of(refunded, sellerId).GetProperty("balance").GetDecimal());

        var tooMuch = await admin.PostAsJsonAsync("/api/v1/admin/ledger/payouts", new { sellerId, amount = 500m, reference = "NEFT-1" });
        var refused = await tooMuch.JsonAsync();
        Assert.Equal("payout.exceeds_balance", refused.GetProperty("code").GetString());
        Assert.Equal("The seller's balance is ₹190.00; a payout cannot be more.", refused.GetProperty("detail").GetString());
        var payouts = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => admin.PostAsJsonAsync("/api/v1/admin/ledger/payouts", new { sellerId, amount = 60m, reference = $"NEFT-{i}" })));
        Assert.Equal(3, payouts.Count(p => p.StatusCode == HttpStatusCode.OK));

        var statement = await catalog.Seller.GetFromJsonAsync<JsonElement>("/api/v1/seller/ledger");
        Assert.Equal(10m, statement.GetProperty("balance").GetDecimal());
        Assert.Equal(statement.GetProperty("balance").GetDecimal(), statement.GetProperty("entries").GetProperty("items").EnumerateArray().Sum(e => e.GetProperty("amount").GetDecimal()));
        var csv = await catalog.Seller.GetStringAsync("/api/v1/seller/ledger/export");
        Assert.StartsWith("date,kind,description,amount,currency,balance\n", csv);
        Assert.EndsWith(",10.00\n", csv);
        Assert.Equal(HttpStatusCode.Forbidden, (await catalog.Seller.GetAsync("/api/v1/admin/ledger")).StatusCode);

        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync("UPDATE ledger.entries SET amount = 0 WHERE seller_id = @sellerId", new { sellerId }));
    }
}

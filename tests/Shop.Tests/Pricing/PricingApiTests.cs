using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Shop.Testing;
using Shop.Web.Modules.Pricing.Contracts;
using Shop.Web.Platform.Errors;

namespace Shop.Tests.Pricing;

public sealed class PricingApiTests(ShopAppFactory app) : IClassFixture<ShopAppFactory>
{
    private static object CouponBody(string code, string kind = "percentage", decimal amount = 10m, string scope = "cart", Guid? scopeId = null,
        decimal? minimumOrder = null, int? usageLimit = null, int? perCustomerLimit = null, DateTimeOffset? endsAt = null) =>
        new { code, description = "Test coupon", kind, amount, scope, scopeId, minimumOrder, usageLimit, perCustomerLimit, endsAt, isActive = true };

    private static string NewCode(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..16].ToUpperInvariant();

    [Fact]
    public async Task Only_admins_manage_coupons_shipping_and_tax_and_bad_terms_get_field_errors()
    {
        var (customer, _) = await app.SignedInClientAsync("shopper");
        var (admin, _) = await app.SignedInClientAsync("admin", "admin");
        foreach (var path in new[] { "/api/v1/admin/coupons", "/api/v1/admin/shipping", "/api/v1/admin/tax" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await customer.GetAsync(path)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(path)).StatusCode);
        }

        var tooMuch = await admin.PostAsJsonAsync("/api/v1/admin/coupons", CouponBody(NewCode("BIG"), amount: 150m));
        Assert.Equal(HttpStatusCode.BadRequest, tooMuch.StatusCode);
        Assert.True((await tooMuch.JsonAsync()).GetProperty("errors").TryGetProperty("Amount", out _));
        var noCategory = await admin.PostAsJsonAsync("/api/v1/admin/coupons", CouponBody(NewCode("CAT"), scope: "category"));
        Assert.True((await noCategory.JsonAsync()).GetProperty("errors").TryGetProperty("ScopeId", out _));

        var code = NewCode("DUP");
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/v1/admin/coupons", CouponBody(code))).StatusCode);
        var duplicate = await admin.PostAsJsonAsync("/api/v1/admin/coupons", CouponBody(code.ToLowerInvariant()));
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);

        var badRegion = await admin.PostAsJsonAsync("/api/v1/admin/shipping", new
        {
            code = "odd-" + Guid.NewGuid().ToString("N")[..6], name = "Odd", baseRate = 10m, perKgRate = 1m,
            rates = new[] { new { state = "Kerala", postalPrefix = "68", baseRate = 1m, perKgRate = 1m } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, badRegion.StatusCode);
        var badTax = await admin.PostAsJsonAsync("/api/v1/admin/tax", new { name = "Too much", percent = 120m });
        Assert.Equal(HttpStatusCode.BadRequest, badTax.StatusCode);
    }

    [Fact]
    public async Task A_deleted_categorys_tax_rates_go_with_it_and_no_rate_names_a_category_that_does_not_exist()
    {
        var (admin, _) = await app.SignedInClientAsync("admin", "admin");
        var unknown = await admin.PostAsJsonAsync("/api/v1/admin/tax", new { name = "Nowhere", percent = 5m, categoryId = Guid.NewGuid() });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.True((await unknown.JsonAsync()).GetProperty("errors").TryGetProperty("CategoryId", out _));

        var category = await CatalogClient.Expect(await admin.PostAsJsonAsync("/api/v1/admin/categories", new { name = CatalogClient.Unique("Bonsai") }), HttpStatusCode.Created);
        var categoryId = category.GetProperty("id").GetGuid();
        var rate = await CatalogClient.Expect(await admin.PostAsJsonAsync("/api/v1/admin/tax", new { name = "Bonsai cess", percent = 3m, categoryId }), HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/admin/categories/{categoryId}")).StatusCode);

        await Eventually.TrueAsync(async () => (await admin.GetAsync($"/api/v1/admin/tax/{rate.GetProperty("id").GetGuid()}")).StatusCode == HttpStatusCode.NotFound,
            "the deleted category's tax rate to be removed");
        var rates = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/tax");
        Assert.DoesNotContain(rates.EnumerateArray(), r => r.GetProperty("categoryId").ValueKind == JsonValueKind.String && r.GetProperty("categoryId").GetGuid() == categoryId);
    }

    [Fact]
    public async Task A_cart_shows_the_coupon_discount_the_tax_included_and_why_a_coupon_does_not_apply()
    {
        var catalog = await CatalogClient.CreateAsync(app);
        var (admin, _) = await app.SignedInClientAsync("admin", "admin");
        var sarees = await catalog.CategoryAsync("Sarees");
        var sareeId = sarees.GetProperty("id").GetString()!;
        var saree = await catalog.ProductAsync(CatalogClient.Unique("Silk Saree"), sareeId, [CatalogClient.Variant("SAREE-" + Guid.NewGuid().ToString("N")[..6], 2100m)]);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/v1/admin/tax", new { name = "GST 5%", percent = 5m, categoryId = sareeId })).StatusCode);
        var code = NewCode("SAREE");
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/v1/admin/coupons",
            CouponBody(code, amount: 10m, scope: "category", scopeId: Guid.Parse(sareeId), minimumOrder: 3000m))).StatusCode);

        var (customer, _) = await app.SignedInClientAsync("shopper");
        var variantId = saree.GetProperty("variants")[0].GetProperty("id").GetString();
        await customer.PostAsJsonAsync("/api/v1/cart/items", new { variantId, quantity = 1 });

        var unknown = await customer.PostAsJsonAsync("/api/v1/cart/coupon", new { code = "NO-SUCH-CODE" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("There is no coupon NO-SUCH-CODE.", (await unknown.JsonAsync()).GetProperty("errors").GetProperty("Code")[0].GetString());

        var tooSmall = await (await customer.PostAsJsonAsync("/api/v1/cart/coupon", new { code = code.ToLowerInvariant() })).JsonAsync();
        Assert.False(tooSmall.GetProperty("coupon").GetProperty("applied").GetBoolean());
        Assert.Equal($"Add ₹900.00 more to use the coupon {code}.", tooSmall.GetProperty("coupon").GetProperty("reason").GetString());
        Assert.Equal(100m, tooSmall.GetProperty("totals").GetProperty("tax").GetDecimal());

        var applied = await (await customer.PutAsJsonAsync($"/api/v1/cart/items/{variantId}", new { quantity = 2 })).JsonAsync();
        var totals = applied.GetProperty("totals");
        Assert.True(applied.GetProperty("coupon").GetProperty("applied").GetBoolean());
        Assert.Equal(4200m, totals.GetProperty("subtotal").GetDecimal());
        Assert.Equal(420m, totals.GetProperty("discount").GetDecimal());
        Assert.Equal(180m, totals.GetProperty("tax").GetDecimal());
        Assert.True(totals.GetProperty("pricesIncludeTax").GetBoolean());
        Assert.Equal(3780m, totals.GetProperty("total").GetDecimal());

        var removed = await (await customer.DeleteAsync("/api/v1/cart/coupon")).JsonAsync();
        Assert.Equal(JsonValueKind.Null, removed.GetProperty("coupon").ValueKind);
        Assert.Equal(4200m, removed.GetProperty("totals").GetProperty("total").GetDecimal());
    }

    [Fact]
    public async Task Fifty_buyers_racing_for_a_coupon_limited_to_ten_uses_redeem_it_exactly_ten_times()
    {
        var (admin, _) = await app.SignedInClientAsync("admin", "admin");
        var code = NewCode("RACE");
        var coupon = await (await admin.PostAsJsonAsync("/api/v1/admin/coupons", CouponBody(code, usageLimit: 10, perCustomerLimit: 1))).JsonAsync();

        async Task<bool> RedeemAsync(int buyer)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<Shop.Web.Platform.Database.ShopDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            try
            {
                await scope.ServiceProvider.GetRequiredService<IPricing>().RedeemAsync(code, new Buyer(Guid.NewGuid(), $"buyer{buyer}@example.in"), Guid.NewGuid(), 10m);
                await transaction.CommitAsync();
                return true;
            }
            catch (ConflictException)
            {
                return false;
            }
        }

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() => RedeemAsync(i))));

        Assert.Equal(10, outcomes.Count(ok => ok));
        var after = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/coupons/{coupon.GetProperty("id").GetString()}");
        Assert.Equal(10, after.GetProperty("usedCount").GetInt32());
    }

    [Fact]
    public async Task A_customer_cannot_use_a_coupon_more_often_than_its_per_customer_limit()
    {
        var (admin, _) = await app.SignedInClientAsync("admin", "admin");
        var code = NewCode("ONCE");
        await admin.PostAsJsonAsync("/api/v1/admin/coupons", CouponBody(code, perCustomerLimit: 1));
        var customerId = Guid.NewGuid();

        async Task RedeemAsync(string email)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<Shop.Web.Platform.Database.ShopDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await scope.ServiceProvider.GetRequiredService<IPricing>().RedeemAsync(code, new Buyer(customerId, email), Guid.NewGuid(), 10m);
            await transaction.CommitAsync();
        }

        await RedeemAsync("first@example.in");
        var again = await Assert.ThrowsAsync<ConflictException>(() => RedeemAsync("other@example.in"));
        Assert.Equal($"You have already used the coupon {code}.", again.Message);
    }
}

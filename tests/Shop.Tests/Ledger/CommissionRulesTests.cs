using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shop.Testing;

namespace Shop.Tests.Ledger;

/// <summary>Commission rules admins keep (GET, PUT and DELETE /api/v1/admin/commission-rules).</summary>
public sealed class CommissionRulesTests(ShopAppFactory app) : IClassFixture<ShopAppFactory>
{
    [Fact]
    public async Task An_admin_sets_a_default_and_a_sellers_rule_changes_it_by_setting_it_again_and_deletes_it()
    {
        var (admin, _) = await app.SignedInClientAsync("admin", "admin");
        var (seller, _) = await app.SignedInClientAsync("seller", "seller");
        var sellerId = await seller.IdAsync();

        await CatalogClient.Expect(await admin.PutAsJsonAsync("/api/v1/admin/commission-rules", new { percent = 12m }), HttpStatusCode.OK);
        var set = await CatalogClient.Expect(await admin.PutAsJsonAsync("/api/v1/admin/commission-rules", new { sellerId, percent = 8m }), HttpStatusCode.OK);
        var changed = await CatalogClient.Expect(await admin.PutAsJsonAsync("/api/v1/admin/commission-rules", new { sellerId, percent = 6.5m }), HttpStatusCode.OK);
        var rules = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/commission-rules");

        Assert.Equal(set.GetProperty("id").GetGuid(), changed.GetProperty("id").GetGuid());
        Assert.Contains(rules.EnumerateArray(), r => r.GetProperty("sellerId").ValueKind == JsonValueKind.Null
            && r.GetProperty("categoryId").ValueKind == JsonValueKind.Null && r.GetProperty("percent").GetDecimal() == 12m);
        var sellers = Assert.Single(rules.EnumerateArray(), r => r.GetProperty("sellerId").ValueKind != JsonValueKind.Null);
        Assert.Equal(6.5m, sellers.GetProperty("percent").GetDecimal());

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/admin/commission-rules/{set.GetProperty("id").GetGuid()}")).StatusCode);
        Assert.DoesNotContain((await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/commission-rules")).EnumerateArray(),
            r => r.GetProperty("id").GetGuid() == set.GetProperty("id").GetGuid());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"/api/v1/admin/commission-rules/{set.GetProperty("id").GetGuid()}")).StatusCode);
    }

    [Fact]
    public async Task A_percent_above_a_hundred_is_refused_with_its_field_and_only_admins_keep_rules()
    {
        var (admin, _) = await app.SignedInClientAsync("admin", "admin");
        var (seller, _) = await app.SignedInClientAsync("seller", "seller");

        var tooMuch = await admin.PutAsJsonAsync("/api/v1/admin/commission-rules", new { percent = 150m });
        var bySeller = await seller.PutAsJsonAsync("/api/v1/admin/commission-rules", new { sellerId = await seller.IdAsync(), percent = 0m });

        Assert.Equal(HttpStatusCode.BadRequest, tooMuch.StatusCode);
        Assert.True((await tooMuch.JsonAsync()).GetProperty("errors").TryGetProperty("Percent", out _));
        Assert.Equal(HttpStatusCode.Forbidden, bySeller.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await seller.GetAsync("/api/v1/admin/commission-rules")).StatusCode);
    }
}

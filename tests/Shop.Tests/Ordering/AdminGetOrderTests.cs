using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shop.Testing;

namespace Shop.Tests.Ordering;

/// <summary>An admin reading any order with its whole timeline (GET /api/v1/admin/orders/{id}).</summary>
public sealed class AdminGetOrderTests(ShopAppFactory app) : IClassFixture<ShopAppFactory>
{
    [Fact]
    public async Task An_admin_reads_any_order_with_internal_notes_the_buyer_does_not_see()
    {
        await app.EnsureShippingAsync();
        var catalog = await CatalogClient.CreateAsync(app);
        var (buyer, email) = await app.SignedInClientAsync("buyer");
        var id = (await buyer.OrderAsync(await catalog.VariantAsync())).GetProperty("id").GetString();
        var (admin, _) = await app.SignedInClientAsync("admin", "admin");
        await CatalogClient.Expect(await admin.PostAsJsonAsync($"/api/v1/admin/orders/{id}/notes", new { text = "Asked to deliver after six" }), HttpStatusCode.OK);

        var order = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/orders/{id}");
        var buyersView = await buyer.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{id}");

        Assert.Equal(email, order.GetProperty("email").GetString());
        Assert.Contains(order.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("isInternal").GetBoolean());
        Assert.DoesNotContain("Asked to deliver after six", buyersView.GetProperty("timeline").GetRawText());
    }

    [Fact]
    public async Task An_unknown_order_is_not_found_and_only_admins_may_ask()
    {
        await app.EnsureShippingAsync();
        var catalog = await CatalogClient.CreateAsync(app);
        var (buyer, _) = await app.SignedInClientAsync("buyer");
        var id = (await buyer.OrderAsync(await catalog.VariantAsync())).GetProperty("id").GetString();
        var (admin, _) = await app.SignedInClientAsync("admin", "admin");

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/admin/orders/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await buyer.GetAsync($"/api/v1/admin/orders/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await catalog.Seller.GetAsync($"/api/v1/admin/orders/{id}")).StatusCode);
    }
}

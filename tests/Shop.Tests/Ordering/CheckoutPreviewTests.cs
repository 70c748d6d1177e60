using System.Net;
using System.Net.Http.Json;
using Dapper;
using Npgsql;
using Shop.Testing;

namespace Shop.Tests.Ordering;

/// <summary>Previewing checkout (POST /api/v1/checkout/preview): the totals an order would have, without placing one.</summary>
public sealed class CheckoutPreviewTests(ShopAppFactory app) : IClassFixture<ShopAppFactory>
{
    [Fact]
    public async Task A_buyer_sees_the_totals_the_order_will_have_and_nothing_is_placed_or_reserved()
    {
        await app.EnsureShippingAsync();
        var catalog = await CatalogClient.CreateAsync(app);
        var variantId = await catalog.VariantAsync(price: 200m, stock: 5);
        var (buyer, _) = await app.SignedInClientAsync("buyer");
        await buyer.AddToCartAsync(variantId, 3);

        var preview = await CatalogClient.Expect(await buyer.PostAsJsonAsync("/api/v1/checkout/preview", new { shippingAddress = Shopper.Address, shippingMethod = "standard" }),
            HttpStatusCode.OK);

        Assert.Equal(600m, preview.GetProperty("quote").GetProperty("subtotal").GetDecimal());
        await using (var connection = new NpgsqlConnection(app.ConnectionString))
        {
            Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT reserved FROM inventory.stock_items WHERE variant_id = @variantId", new { variantId }));
            Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM ordering.order_lines WHERE variant_id = @variantId", new { variantId }));
        }
        var placed = await CatalogClient.Expect(await buyer.CheckoutAsync(null), HttpStatusCode.Created);
        Assert.Equal(preview.GetProperty("quote").GetProperty("total").GetDecimal(), placed.GetProperty("total").GetDecimal());
    }

    [Fact]
    public async Task A_preview_for_an_unknown_shipping_method_is_refused_with_problem_details()
    {
        await app.EnsureShippingAsync();
        var catalog = await CatalogClient.CreateAsync(app);
        var guest = await app.GuestWithCartAsync(await catalog.VariantAsync());

        var refused = await guest.PostAsJsonAsync("/api/v1/checkout/preview", new { shippingAddress = Shopper.Address, shippingMethod = "teleport" });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
    }
}

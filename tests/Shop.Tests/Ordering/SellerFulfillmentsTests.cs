using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shop.Testing;

namespace Shop.Tests.Ordering;

/// <summary>A seller working through its shipments (GET and POST /api/v1/seller/fulfillments).</summary>
public sealed class SellerFulfillmentsTests(ShopAppFactory app) : IClassFixture<ShopAppFactory>
{
    [Fact]
    public async Task A_seller_finds_its_shipments_by_status_and_moves_one_on()
    {
        await app.EnsureShippingAsync();
        var catalog = await CatalogClient.CreateAsync(app);
        var variantId = await catalog.VariantAsync();
        var (buyer, _) = await app.SignedInClientAsync("buyer");
        var started = await catalog.Seller.FulfillmentOfAsync((await buyer.OrderAsync(variantId)).GetProperty("id").GetString()!);
        var waiting = await catalog.Seller.FulfillmentOfAsync((await buyer.OrderAsync(variantId)).GetProperty("id").GetString()!);

        var moved = await CatalogClient.Expect(await catalog.Seller.PostAsJsonAsync($"/api/v1/seller/fulfillments/{started}/status", new { status = "processing" }),
            HttpStatusCode.OK);
        var pending = await catalog.Seller.GetFromJsonAsync<JsonElement>("/api/v1/seller/fulfillments?status=pending");
        var processing = await catalog.Seller.GetFromJsonAsync<JsonElement>("/api/v1/seller/fulfillments?status=processing");

        Assert.Equal("processing", moved.GetProperty("status").GetString());
        Assert.Equal(waiting, Assert.Single(pending.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(started, Assert.Single(processing.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task An_unknown_status_is_refused_and_another_sellers_shipment_is_not_found()
    {
        await app.EnsureShippingAsync();
        var catalog = await CatalogClient.CreateAsync(app);
        var otherSeller = await catalog.AnotherSellerAsync();
        var (buyer, _) = await app.SignedInClientAsync("buyer");
        var fulfillmentId = await catalog.Seller.FulfillmentOfAsync((await buyer.OrderAsync(await catalog.VariantAsync())).GetProperty("id").GetString()!);

        var unknownFilter = await catalog.Seller.GetAsync("/api/v1/seller/fulfillments?status=lost");
        var unknownStep = await catalog.Seller.PostAsJsonAsync($"/api/v1/seller/fulfillments/{fulfillmentId}/status", new { status = "teleported" });

        Assert.Equal(HttpStatusCode.BadRequest, unknownFilter.StatusCode);
        Assert.Equal("application/problem+json", unknownFilter.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, unknownStep.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherSeller.GetAsync($"/api/v1/seller/fulfillments/{fulfillmentId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherSeller.PostAsJsonAsync($"/api/v1/seller/fulfillments/{fulfillmentId}/status", new { status = "processing" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await buyer.GetAsync("/api/v1/seller/fulfillments")).StatusCode);
    }
}

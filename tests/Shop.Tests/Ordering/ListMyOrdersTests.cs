using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shop.Testing;

namespace Shop.Tests.Ordering;

/// <summary>A signed-in customer's order history (GET /api/v1/orders).</summary>
public sealed class ListMyOrdersTests(ShopAppFactory app) : IClassFixture<ShopAppFactory>
{
    [Fact]
    public async Task A_customer_lists_only_their_own_orders_newest_first_a_page_at_a_time()
    {
        await app.EnsureShippingAsync();
        var catalog = await CatalogClient.CreateAsync(app);
        var variantId = await catalog.VariantAsync();
        var (customer, _) = await app.SignedInClientAsync("buyer");
        var (neighbour, _) = await app.SignedInClientAsync("neighbour");
        var first = (await customer.OrderAsync(variantId)).GetProperty("id").GetGuid();
        var second = (await customer.OrderAsync(variantId, 2)).GetProperty("id").GetGuid();
        var theirs = (await neighbour.OrderAsync(variantId)).GetProperty("id").GetGuid();

        var mine = await customer.GetFromJsonAsync<JsonElement>("/api/v1/orders");
        var secondPage = await customer.GetFromJsonAsync<JsonElement>("/api/v1/orders?page=2&pageSize=1");
        var neighbours = await neighbour.GetFromJsonAsync<JsonElement>("/api/v1/orders");

        Assert.Equal([second, first], mine.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("id").GetGuid()));
        Assert.Equal(2, mine.GetProperty("total").GetInt32());
        Assert.Equal(2, mine.GetProperty("items")[0].GetProperty("itemCount").GetInt32());
        Assert.Equal(first, Assert.Single(secondPage.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Equal(theirs, Assert.Single(neighbours.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task Listing_orders_needs_a_signed_in_customer_and_a_page_size_within_bounds()
    {
        var (customer, _) = await app.SignedInClientAsync("buyer");

        var anonymous = await app.CreateClient().GetAsync("/api/v1/orders");
        var tooBig = await customer.GetAsync("/api/v1/orders?pageSize=500");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooBig.StatusCode);
        Assert.Equal("application/problem+json", tooBig.Content.Headers.ContentType?.MediaType);
    }
}

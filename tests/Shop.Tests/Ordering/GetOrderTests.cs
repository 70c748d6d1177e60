using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shop.Testing;

namespace Shop.Tests.Ordering;

/// <summary>Reading one order (GET /api/v1/orders/{id}): the buyer's own, or a guest's with the signed link from the email.</summary>
public sealed class GetOrderTests(ShopAppFactory app) : IClassFixture<ShopAppFactory>
{
    [Fact]
    public async Task A_guest_reads_their_order_with_the_emailed_link_and_nobody_reads_it_without()
    {
        await app.EnsureShippingAsync();
        var catalog = await CatalogClient.CreateAsync(app);
        var variantId = await catalog.VariantAsync(price: 250m);
        var guest = await app.GuestWithCartAsync(variantId, 2);
        var placed = await CatalogClient.Expect(await guest.CheckoutAsync(ApiClient.NewEmail("guest")), HttpStatusCode.Created);
        var id = placed.GetProperty("id").GetString();
        var (stranger, _) = await app.SignedInClientAsync("stranger");

        var order = await CatalogClient.Expect(await app.CreateClient().GetAsync($"/api/v1/orders/{id}?access={placed.Access()}"), HttpStatusCode.OK);

        Assert.Equal(placed.GetProperty("number").GetString(), order.GetProperty("number").GetString());
        var line = Assert.Single(order.GetProperty("lines").EnumerateArray());
        Assert.Equal(variantId, line.GetProperty("variantId").GetGuid());
        Assert.Equal(2, line.GetProperty("quantity").GetInt32());
        Assert.Equal(500m, line.GetProperty("subtotal").GetDecimal());
        Assert.Equal("placed", order.GetProperty("timeline")[0].GetProperty("kind").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync($"/api/v1/orders/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync($"/api/v1/orders/{id}?access=forged")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/orders/{id}")).StatusCode);
    }

    [Fact]
    public async Task A_signed_in_buyer_reads_their_own_order_and_not_anyone_elses()
    {
        await app.EnsureShippingAsync();
        var catalog = await CatalogClient.CreateAsync(app);
        var variantId = await catalog.VariantAsync();
        var (buyer, email) = await app.SignedInClientAsync("buyer");
        var (other, _) = await app.SignedInClientAsync("other");
        var mine = (await buyer.OrderAsync(variantId)).GetProperty("id").GetString();
        var theirs = (await other.OrderAsync(variantId)).GetProperty("id").GetString();

        var order = await buyer.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{mine}");

        Assert.Equal(email, order.GetProperty("email").GetString());
        Assert.Equal(await app.UserIdAsync(email), order.GetProperty("customerId").GetGuid());
        Assert.Equal(HttpStatusCode.NotFound, (await buyer.GetAsync($"/api/v1/orders/{theirs}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await buyer.GetAsync($"/api/v1/orders/{Guid.NewGuid()}")).StatusCode);
    }
}

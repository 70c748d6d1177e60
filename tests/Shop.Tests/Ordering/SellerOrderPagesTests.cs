using System.Net;
using AngleSharp.Html.Parser;
using Shop.Testing;

namespace Shop.Tests.Ordering;

/// <summary>A seller's order pages (/seller/orders and /seller/orders/{fulfilment id}): only its own part of each order.</summary>
public sealed class SellerOrderPagesTests(ShopAppFactory app) : IClassFixture<ShopAppFactory>
{
    [Fact]
    public async Task A_seller_sees_its_own_shipment_of_an_order_and_not_another_sellers()
    {
        await app.EnsureShippingAsync();
        var catalog = await CatalogClient.CreateAsync(app);
        var otherSeller = await catalog.AnotherSellerAsync();
        var (buyer, _) = await app.SignedInClientAsync("buyer");
        var order = await buyer.OrderAsync(await catalog.VariantAsync());
        var number = order.GetProperty("number").GetString()!;
        var fulfillmentId = await catalog.Seller.FulfillmentOfAsync(order.GetProperty("id").GetString()!);

        var list = new HtmlParser().ParseDocument(await catalog.Seller.GetStringAsync("/seller/orders"));
        var page = await catalog.Seller.GetAsync($"/seller/orders/{fulfillmentId}");

        Assert.Contains(number, Assert.Single(list.QuerySelectorAll("[data-testid=fulfillment-row]")).TextContent);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(number, await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await otherSeller.GetAsync($"/seller/orders/{fulfillmentId}")).StatusCode);
        Assert.Empty(new HtmlParser().ParseDocument(await otherSeller.GetStringAsync("/seller/orders")).QuerySelectorAll("[data-testid=fulfillment-row]"));
        Assert.Equal(HttpStatusCode.Forbidden, (await buyer.GetAsync("/seller/orders")).StatusCode);
    }
}

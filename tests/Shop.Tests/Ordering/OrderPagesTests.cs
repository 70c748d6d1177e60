using System.Net;
using AngleSharp.Html.Parser;
using Shop.Testing;

namespace Shop.Tests.Ordering;

/// <summary>The buyer's order pages (/orders and /orders/{id}) as the server renders them.</summary>
public sealed class OrderPagesTests(ShopAppFactory app) : IClassFixture<ShopAppFactory>
{
    [Fact]
    public async Task A_buyer_sees_their_orders_listed_and_opens_one_and_a_stranger_finds_no_such_order()
    {
        await app.EnsureShippingAsync();
        var catalog = await CatalogClient.CreateAsync(app);
        var (buyer, _) = await app.SignedInClientAsync("buyer");
        var order = await buyer.OrderAsync(await catalog.VariantAsync());
        var number = order.GetProperty("number").GetString()!;
        var (stranger, _) = await app.SignedInClientAsync("stranger");
        var parser = new HtmlParser();

        var list = parser.ParseDocument(await buyer.GetStringAsync("/orders"));
        var page = await buyer.GetAsync($"/orders/{order.GetProperty("id").GetString()}");
        var strangers = await stranger.GetAsync($"/orders/{order.GetProperty("id").GetString()}");

        Assert.Contains(number, Assert.Single(list.QuerySelectorAll("[data-testid=order-row]")).TextContent);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(number, await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, strangers.StatusCode);
        Assert.DoesNotContain(number, await strangers.Content.ReadAsStringAsync());
        Assert.Empty(parser.ParseDocument(await stranger.GetStringAsync("/orders")).QuerySelectorAll("[data-testid=order-row]"));
    }
}

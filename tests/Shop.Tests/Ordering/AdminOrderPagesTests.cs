using System.Net;
using AngleSharp.Html.Parser;
using Shop.Testing;

namespace Shop.Tests.Ordering;

/// <summary>The admin's order pages (/admin/orders and /admin/orders/{id}).</summary>
public sealed class AdminOrderPagesTests(ShopAppFactory app) : IClassFixture<ShopAppFactory>
{
    [Fact]
    public async Task An_admin_finds_an_order_in_the_list_and_opens_it_and_others_are_refused()
    {
        await app.EnsureShippingAsync();
        var catalog = await CatalogClient.CreateAsync(app);
        var (buyer, _) = await app.SignedInClientAsync("buyer");
        var order = await buyer.OrderAsync(await catalog.VariantAsync());
        var number = order.GetProperty("number").GetString()!;
        var (admin, _) = await app.SignedInClientAsync("admin", "admin");

        var list = new HtmlParser().ParseDocument(await admin.GetStringAsync($"/admin/orders?q={number}"));
        var page = await admin.GetAsync($"/admin/orders/{order.GetProperty("id").GetString()}");

        Assert.Contains(number, Assert.Single(list.QuerySelectorAll("[data-testid=admin-order-row]")).TextContent);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(number, await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/admin/orders/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await buyer.GetAsync("/admin/orders")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await catalog.Seller.GetAsync($"/admin/orders/{order.GetProperty("id").GetString()}")).StatusCode);
    }
}

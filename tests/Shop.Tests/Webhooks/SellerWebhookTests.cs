using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shop.Testing;

namespace Shop.Tests.Webhooks;

public sealed class SellerWebhookTests(WebhookShop app) : IClassFixture<WebhookShop>
{
    private static Guid VariantOf(JsonElement product) => Guid.Parse(product.GetProperty("variants")[0].GetProperty("id").GetString()!);

    private static JsonElement Data(JsonElement delivery) => JsonDocument.Parse(delivery.GetProperty("body").GetString()!).RootElement.GetProperty("data");

    [Fact]
    public async Task An_order_placed_through_the_api_reaches_admins_whole_and_each_seller_with_only_its_own_lines()
    {
        await app.EnsureShippingAsync();
        var catalog = await CatalogClient.CreateAsync(app);
        var (otherSeller, otherEmail) = await app.SignedInClientAsync("seller", "seller");
        var run = Guid.NewGuid().ToString("N");
        var (adminHook, _) = await catalog.Admin.RegisterAsync($"{app.Receiver.Url}/admin-{run}", "order.placed");
        var (sellerHook, _) = await catalog.Seller.RegisterAsync($"{app.Receiver.Url}/seller-{run}", "order.placed", "product.updated", "stock.low");
        var (otherHook, _) = await otherSeller.RegisterAsync($"{app.Receiver.Url}/other-{run}", "order.placed", "product.updated");
        var shawl = await catalog.ProductForAsync(catalog.Seller, "Pashmina Shawl", 1200m, stock: 6);
        var lamp = await catalog.ProductForAsync(otherSeller, "Brass Lamp", 800m);

        var guest = await app.GuestWithCartAsync(VariantOf(shawl), 2);
        await guest.AddToCartAsync(VariantOf(lamp));
        var order = await CatalogClient.Expect(await guest.CheckoutAsync(ApiClient.NewEmail("buyer")), HttpStatusCode.Created);

        var adminLog = await catalog.Admin.WaitForDeliveriesAsync(adminHook, d => d.All("succeeded"), "the admin's order.placed");
        var whole = Data(adminLog.EnumerateArray().Single(d => d.GetProperty("eventType").GetString() == "order.placed"));
        Assert.Equal(order.GetProperty("number").GetString(), whole.GetProperty("number").GetString());
        Assert.Equal(order.GetProperty("total").GetDecimal(), whole.GetProperty("total").GetDecimal());
        Assert.Equal(2, whole.GetProperty("lines").GetArrayLength());

        var sellerLog = await catalog.Seller.WaitForDeliveriesAsync(sellerHook,
            d => d.EnumerateArray().Count(x => x.GetProperty("eventType").GetString() is "order.placed" or "stock.low" && x.GetProperty("status").GetString() == "succeeded") == 2,
            "the seller's order.placed and stock.low");
        var own = Data(sellerLog.EnumerateArray().Single(d => d.GetProperty("eventType").GetString() == "order.placed"));
        var line = Assert.Single(own.GetProperty("lines").EnumerateArray());
        Assert.Equal(shawl.GetProperty("variants")[0].GetProperty("sku").GetString(), line.GetProperty("sku").GetString());
        Assert.Equal(2, line.GetProperty("quantity").GetInt32());
        Assert.Equal(2400m, own.GetProperty("total").GetDecimal());
        Assert.Single(own.GetProperty("fulfillments").EnumerateArray());
        var low = Data(sellerLog.EnumerateArray().Single(d => d.GetProperty("eventType").GetString() == "stock.low"));
        Assert.Equal(4, low.GetProperty("available").GetInt32());

        var otherLog = await otherSeller.WaitForDeliveriesAsync(otherHook,
            d => d.EnumerateArray().Any(x => x.GetProperty("eventType").GetString() == "order.placed" && x.GetProperty("status").GetString() == "succeeded"),
            "the other seller's order.placed");
        var theirs = Data(otherLog.EnumerateArray().Single(d => d.GetProperty("eventType").GetString() == "order.placed"));
        Assert.Equal("Brass Lamp", Assert.Single(theirs.GetProperty("lines").EnumerateArray()).GetProperty("title").GetString()![..10]);

        // Each seller heard of its own product only, never of the other's.
        var sellerId = (await catalog.Seller.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("id").GetString();
        var otherId = (await app.UserIdAsync(otherEmail)).ToString();
        Assert.All(sellerLog.EnumerateArray().Select(Data), d => Assert.DoesNotContain(otherId, d.GetRawText()));
        Assert.All(otherLog.EnumerateArray().Select(Data), d => Assert.DoesNotContain(sellerId!, d.GetRawText()));
        Assert.Contains(otherLog.EnumerateArray(), d => d.GetProperty("eventType").GetString() == "product.updated");

        // Another seller's delivery cannot be seen or replayed.
        var sellerDelivery = sellerLog[0].GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.NotFound, (await otherSeller.PostAsync($"/api/v1/webhooks/deliveries/{sellerDelivery}/replay", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherSeller.GetAsync($"/api/v1/webhooks/{sellerHook}/deliveries")).StatusCode);
    }

    [Fact]
    public async Task A_shipment_reaches_only_its_own_seller_and_a_cancelled_order_reaches_each_seller()
    {
        await app.EnsureShippingAsync();
        var catalog = await CatalogClient.CreateAsync(app);
        var otherSeller = await catalog.AnotherSellerAsync();
        var run = Guid.NewGuid().ToString("N");
        var (sellerHook, _) = await catalog.Seller.RegisterAsync($"{app.Receiver.Url}/ship-{run}", "fulfillment.shipped", "order.cancelled");
        var (otherHook, _) = await otherSeller.RegisterAsync($"{app.Receiver.Url}/other-ship-{run}", "fulfillment.shipped", "order.cancelled");
        var kurta = await catalog.ProductForAsync(catalog.Seller, "Cotton Kurta", 900m);
        var mug = await catalog.ProductForAsync(otherSeller, "Clay Mug", 300m);

        var guest = await app.GuestWithCartAsync(VariantOf(kurta));
        await guest.AddToCartAsync(VariantOf(mug));
        await CatalogClient.Expect(await guest.CheckoutAsync(ApiClient.NewEmail("buyer")), HttpStatusCode.Created);
        var fulfillment = (await catalog.Seller.GetFromJsonAsync<JsonElement>("/api/v1/seller/fulfillments")).GetProperty("items")[0].GetProperty("id").GetString();
        await CatalogClient.Expect(await catalog.Seller.PostAsJsonAsync($"/api/v1/seller/fulfillments/{fulfillment}/status",
            new { status = "shipped", carrier = "Delhivery", trackingNumber = "DL-77" }), HttpStatusCode.OK);

        var shipped = await catalog.Seller.WaitForDeliveriesAsync(sellerHook, d => d.All("succeeded"), "the seller's fulfillment.shipped");
        var data = Data(shipped.EnumerateArray().Single());
        Assert.Equal("DL-77", Assert.Single(data.GetProperty("fulfillments").EnumerateArray()).GetProperty("trackingNumber").GetString());

        var guest2 = await app.GuestWithCartAsync(VariantOf(kurta));
        await guest2.AddToCartAsync(VariantOf(mug));
        var second = await CatalogClient.Expect(await guest2.CheckoutAsync(ApiClient.NewEmail("buyer")), HttpStatusCode.Created);
        await CatalogClient.Expect(await catalog.Admin.PostAsJsonAsync($"/api/v1/admin/orders/{second.GetProperty("id").GetString()}/actions",
            new { action = "cancel", reason = "Out of area" }), HttpStatusCode.OK);
        var otherLog = await otherSeller.WaitForDeliveriesAsync(otherHook, d => d.All("succeeded") && d.GetArrayLength() == 1, "the other seller's order.cancelled");
        Assert.Equal("order.cancelled", otherLog[0].GetProperty("eventType").GetString());
        Assert.Equal("Clay Mug", Assert.Single(Data(otherLog[0]).GetProperty("lines").EnumerateArray()).GetProperty("title").GetString()![..8]);
        await catalog.Seller.WaitForDeliveriesAsync(sellerHook, d => d.GetArrayLength() == 2 && d.All("succeeded"), "the seller's order.cancelled");
    }
}

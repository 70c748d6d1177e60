using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Npgsql;
using Shop.Testing;

namespace Shop.Tests.Ordering;

public sealed class OrderLifecycleApiTests(ShopAppFactory app) : IClassFixture<ShopAppFactory>
{
    private async Task<Guid> VariantAsync(CatalogClient catalog, HttpClient seller, int stock = 10, decimal price = 400m)
    {
        var category = await catalog.CategoryAsync("Lifecycle");
        var product = await catalog.ProductAsync(CatalogClient.Unique("Teak Stool"), category.GetProperty("id").GetString()!,
            [CatalogClient.Variant("LIFE-" + Guid.NewGuid().ToString("N")[..8], price, stock: stock)], client: seller);
        return Guid.Parse(product.GetProperty("variants")[0].GetProperty("id").GetString()!);
    }

    private async Task<(int OnHand, int Reserved)> StockAsync(Guid variantId)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        return await connection.QuerySingleAsync<(int, int)>("SELECT on_hand, reserved FROM inventory.stock_items WHERE variant_id = @variantId", new { variantId });
    }

    private static async Task<JsonElement> StepAsync(HttpClient seller, string fulfillmentId, object body, HttpStatusCode expected = HttpStatusCode.OK) =>
        await CatalogClient.Expect(await seller.PostAsJsonAsync($"/api/v1/seller/fulfillments/{fulfillmentId}/status", body), expected);

    [Fact]
    public async Task An_order_from_two_sellers_is_fulfilled_per_seller_and_follows_its_fulfilments()
    {
        await app.EnsureShippingAsync();
        var catalog = await CatalogClient.CreateAsync(app);
        var otherSeller = await catalog.AnotherSellerAsync();
        var first = await VariantAsync(catalog, catalog.Seller);
        var second = await VariantAsync(catalog, otherSeller);
        var (customer, email) = await app.SignedInClientAsync("buyer");
        await customer.AddToCartAsync(first, 2);
        await customer.AddToCartAsync(second, 1);
        var order = await CatalogClient.Expect(await customer.CheckoutAsync(null), HttpStatusCode.Created);
        var orderId = order.GetProperty("id").GetString();

        var mine = await catalog.Seller.GetFromJsonAsync<JsonElement>("/api/v1/seller/fulfillments");
        var fulfillment = mine.GetProperty("items").EnumerateArray().Single(f => f.GetProperty("orderId").GetString() == orderId);
        var fulfillmentId = fulfillment.GetProperty("id").GetString()!;
        var theirs = (await otherSeller.GetFromJsonAsync<JsonElement>("/api/v1/seller/fulfillments")).GetProperty("items")[0].GetProperty("id").GetString()!;
        var detail = await catalog.Seller.GetFromJsonAsync<JsonElement>($"/api/v1/seller/fulfillments/{fulfillmentId}");
        Assert.Equal(first, Assert.Single(detail.GetProperty("lines").EnumerateArray()).GetProperty("variantId").GetGuid());
        Assert.Equal(HttpStatusCode.NotFound, (await catalog.Seller.GetAsync($"/api/v1/seller/fulfillments/{theirs}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await catalog.Seller.PostAsJsonAsync($"/api/v1/seller/fulfillments/{theirs}/status", new { status = "processing" })).StatusCode);

        await StepAsync(catalog.Seller, fulfillmentId, new { status = "processing" });
        var noTracking = await catalog.Seller.PostAsJsonAsync($"/api/v1/seller/fulfillments/{fulfillmentId}/status", new { status = "shipped" });
        Assert.Equal(HttpStatusCode.BadRequest, noTracking.StatusCode);
        await StepAsync(catalog.Seller, fulfillmentId, new { status = "shipped", carrier = "Delhivery", trackingNumber = "DL123456" });
        Assert.Equal((8, 0), await StockAsync(first));
        Assert.Equal("processing", (await customer.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{orderId}")).GetProperty("status").GetString());

        var tooEarly = await StepAsync(otherSeller, theirs, new { status = "delivered" }, HttpStatusCode.Conflict);
        Assert.Equal("A shipment that is pending cannot become delivered.", tooEarly.GetProperty("detail").GetString());
        await StepAsync(otherSeller, theirs, new { status = "shipped", carrier = "BlueDart", trackingNumber = "BD99" });
        Assert.Equal("shipped", (await customer.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{orderId}")).GetProperty("status").GetString());
        // One mail per parcel, each with its own carrier's tracking page.
        var shippedMails = await Eventually.GetAsync(
            () => Task.FromResult(app.Mail().Where(m => m.To.Contains(email) && m.Subject == $"Your order {order.GetProperty("number").GetString()} is shipped").ToList()),
            mails => mails.Count == 2, "a shipped mail per parcel");
        Assert.Contains(shippedMails, m => m.Text.Contains("BD99") && m.Text.Contains("https://www.bluedart.com/") && m.Html!.Contains("BlueDart"));
        Assert.Contains(shippedMails, m => m.Text.Contains("https://www.delhivery.com/track/package/DL123456"));

        var cancel = await customer.PostAsJsonAsync($"/api/v1/orders/{orderId}/cancel", new { reason = "Changed my mind" });
        Assert.Equal(HttpStatusCode.Conflict, cancel.StatusCode);
        Assert.Contains("cannot be cancelled", (await cancel.JsonAsync()).GetProperty("detail").GetString());

        var ownTimeline = (await catalog.Seller.GetFromJsonAsync<JsonElement>($"/api/v1/seller/fulfillments/{fulfillmentId}")).GetProperty("timeline").GetRawText();
        Assert.Contains("DL123456", ownTimeline);
        Assert.DoesNotContain("BD99", ownTimeline);
        await StepAsync(catalog.Seller, fulfillmentId, new { status = "delivered" });
        await StepAsync(otherSeller, theirs, new { status = "delivered" });
        var delivered = await customer.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{orderId}");
        Assert.Equal("delivered", delivered.GetProperty("status").GetString());
        var kinds = delivered.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Equal(["placed", "processing", "shipped", "shipped", "delivered", "delivered", "paid"], kinds);
        Assert.True(delivered.GetProperty("isPaid").GetBoolean());
        Assert.Contains(delivered.GetProperty("fulfillments").EnumerateArray(), f => f.GetProperty("trackingNumber").GetString() == "DL123456");

        var returned = await CatalogClient.Expect(await customer.PostAsJsonAsync($"/api/v1/orders/{orderId}/return", new { reason = "Wrong size" }), HttpStatusCode.OK);
        Assert.Equal("returnRequested", returned.GetProperty("status").GetString());
        var (admin, _) = await app.SignedInClientAsync("admin", "admin");
        var refundTooEarly = await admin.PostAsJsonAsync($"/api/v1/admin/orders/{orderId}/actions", new { action = "markRefunded" });
        Assert.Equal(HttpStatusCode.Conflict, refundTooEarly.StatusCode);
        await CatalogClient.Expect(await admin.PostAsJsonAsync($"/api/v1/admin/orders/{orderId}/actions", new { action = "acceptReturn" }), HttpStatusCode.OK);
        Assert.Equal((10, 0), await StockAsync(first));
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync($"/api/v1/admin/orders/{orderId}/actions", new { action = "markPaid" })).StatusCode);
        var invoice = await customer.GetAsync($"/orders/{orderId}/invoice.pdf");
        Assert.True(invoice.IsSuccessStatusCode, await invoice.Content.ReadAsStringAsync());
        Assert.Equal("application/pdf", invoice.Content.Headers.ContentType?.MediaType);
        var pdf = await invoice.Content.ReadAsByteArrayAsync();
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(pdf, 0, 4));
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync($"/orders/{orderId}/invoice.pdf")).StatusCode);
        var refunded = await CatalogClient.Expect(await admin.PostAsJsonAsync($"/api/v1/admin/orders/{orderId}/actions", new { action = "markRefunded" }), HttpStatusCode.OK);
        Assert.Equal("refunded", refunded.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_return_is_accepted_within_the_return_window_after_delivery_and_refused_after_it()
    {
        await app.EnsureShippingAsync();
        var catalog = await CatalogClient.CreateAsync(app);
        var (customer, _) = await app.SignedInClientAsync("buyer");
        var orderIds = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            await customer.AddToCartAsync(await VariantAsync(catalog, catalog.Seller));
            var orderId = (await CatalogClient.Expect(await customer.CheckoutAsync(null), HttpStatusCode.Created)).GetProperty("id").GetString()!;
            var fulfillmentId = (await catalog.Seller.GetFromJsonAsync<JsonElement>("/api/v1/seller/fulfillments")).GetProperty("items").EnumerateArray()
                .Single(f => f.GetProperty("orderId").GetString() == orderId).GetProperty("id").GetString()!;
            await StepAsync(catalog.Seller, fulfillmentId, new { status = "processing" });
            await StepAsync(catalog.Seller, fulfillmentId, new { status = "shipped", carrier = "Delhivery", trackingNumber = "DL" + i });
            await StepAsync(catalog.Seller, fulfillmentId, new { status = "delivered" });
            orderIds.Add(orderId);
        }
        await using (var connection = new NpgsqlConnection(app.ConnectionString))
            await connection.ExecuteAsync("UPDATE ordering.fulfillments SET delivered_at = now() - interval '10 days 1 minute' WHERE order_id = @id", new { id = Guid.Parse(orderIds[1]) });

        Assert.True((await customer.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{orderIds[0]}")).GetProperty("canRequestReturn").GetBoolean());
        await CatalogClient.Expect(await customer.PostAsJsonAsync($"/api/v1/orders/{orderIds[0]}/return", new { reason = "Too small" }), HttpStatusCode.OK);
        Assert.False((await customer.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{orderIds[1]}")).GetProperty("canRequestReturn").GetBoolean());
        var late = await CatalogClient.Expect(await customer.PostAsJsonAsync($"/api/v1/orders/{orderIds[1]}/return", new { reason = "Too small" }), HttpStatusCode.Conflict);
        Assert.EndsWith("Returns are accepted within 10 days of delivery.", late.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Cancelling_before_shipping_returns_the_stock_and_only_the_buyer_may_cancel()
    {
        await app.EnsureShippingAsync();
        var catalog = await CatalogClient.CreateAsync(app);
        var variantId = await VariantAsync(catalog, catalog.Seller, stock: 3);
        var (customer, _) = await app.SignedInClientAsync("buyer");
        await customer.AddToCartAsync(variantId, 3);
        var order = await CatalogClient.Expect(await customer.CheckoutAsync(null), HttpStatusCode.Created);
        var orderId = order.GetProperty("id").GetString();
        Assert.Equal((3, 3), await StockAsync(variantId));

        Assert.Equal(HttpStatusCode.Conflict, (await customer.GetAsync($"/orders/{orderId}/invoice.pdf")).StatusCode);
        var (stranger, _) = await app.SignedInClientAsync("stranger");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/orders/{orderId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsJsonAsync($"/api/v1/orders/{orderId}/cancel", new { reason = "Mischief" })).StatusCode);

        var cancelled = await CatalogClient.Expect(await customer.PostAsJsonAsync($"/api/v1/orders/{orderId}/cancel", new { reason = "Found it cheaper" }), HttpStatusCode.OK);
        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());
        Assert.Equal((3, 0), await StockAsync(variantId));
        var again = await customer.PostAsJsonAsync($"/api/v1/orders/{orderId}/cancel", new { reason = "Twice" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("order.illegal_transition", (await again.JsonAsync()).GetProperty("code").GetString());

        var history = await customer.GetFromJsonAsync<JsonElement>("/api/v1/orders");
        Assert.Equal(orderId, Assert.Single(history.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task Admins_find_orders_by_number_or_email_and_keep_internal_notes()
    {
        await app.EnsureShippingAsync();
        var catalog = await CatalogClient.CreateAsync(app);
        var variantId = await VariantAsync(catalog, catalog.Seller);
        var guest = await app.GuestWithCartAsync(variantId);
        var email = ApiClient.NewEmail("findme");
        var order = await CatalogClient.Expect(await guest.CheckoutAsync(email.ToUpperInvariant()), HttpStatusCode.Created);
        var number = order.GetProperty("number").GetString()!;
        var (admin, _) = await app.SignedInClientAsync("admin", "admin");

        var byNumber = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/orders?q={number[^6..].ToLowerInvariant()}");
        Assert.Equal(number, Assert.Single(byNumber.GetProperty("items").EnumerateArray()).GetProperty("number").GetString());
        var byEmail = await CatalogClient.Expect(await admin.GetAsync($"/api/v1/admin/orders?q={email.ToUpperInvariant()}&status=pendingPayment"), HttpStatusCode.OK);
        Assert.Single(byEmail.GetProperty("items").EnumerateArray());

        var id = order.GetProperty("id").GetString();
        var noted = await CatalogClient.Expect(await admin.PostAsJsonAsync($"/api/v1/admin/orders/{id}/notes", new { text = "Customer called about delivery time" }), HttpStatusCode.OK);
        Assert.Contains(noted.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("isInternal").GetBoolean());
        var noReason = await admin.PostAsJsonAsync($"/api/v1/admin/orders/{id}/actions", new { action = "cancel" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await catalog.Seller.GetAsync("/api/v1/admin/orders")).StatusCode);
    }
}

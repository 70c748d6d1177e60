using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Shop.Testing;
using Shop.Web.Modules.Payments.Attempts;
using Shop.Web.Modules.Payments.Providers;
using Shop.Web.Modules.Payments.Sandbox;
using Shop.Web.Platform.Storefront;

namespace Shop.Tests.Ordering;

public sealed class AdminOrderActionsApiTests(ShopAppFactory app) : IClassFixture<ShopAppFactory>
{
    private async Task<(CatalogClient Catalog, Guid VariantId)> ProductAsync(decimal price)
    {
        await app.EnsureShippingAsync();
        var catalog = await CatalogClient.CreateAsync(app);
        var category = await catalog.CategoryAsync("Admin actions");
        var product = await catalog.ProductAsync(CatalogClient.Unique("Kanjivaram Saree"), category.GetProperty("id").GetString()!,
            [CatalogClient.Variant("ADM-" + Guid.NewGuid().ToString("N")[..8], price, stock: 5)]);
        return (catalog, Guid.Parse(product.GetProperty("variants")[0].GetProperty("id").GetString()!));
    }

    private static async Task<JsonElement> StepAsync(HttpClient client, string orderId, string fulfillmentId, object body, HttpStatusCode expected) =>
        await CatalogClient.Expect(await client.PostAsJsonAsync($"/api/v1/admin/orders/{orderId}/fulfillments/{fulfillmentId}/status", body), expected);

    private static IEnumerable<string> Messages(JsonElement order) =>
        order.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("message").GetString()!);

    [Fact]
    public async Task An_admin_ships_and_delivers_for_an_unreachable_seller_only_with_a_note_which_stays_on_the_timeline()
    {
        var (catalog, variantId) = await ProductAsync(900m);
        var (customer, _) = await app.SignedInClientAsync("buyer");
        await customer.AddToCartAsync(variantId, 2);
        var order = await CatalogClient.Expect(await customer.CheckoutAsync(null), HttpStatusCode.Created);
        var orderId = order.GetProperty("id").GetString()!;
        var (admin, _) = await app.SignedInClientAsync("admin", "admin");
        var fulfillmentId = (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/orders/{orderId}")).GetProperty("fulfillments")[0].GetProperty("id").GetString()!;
        var shipped = new { status = "shipped", carrier = "Delhivery", trackingNumber = "DL-ADMIN-1", note = "Seller unreachable by phone since Monday" };

        await StepAsync(catalog.Seller, orderId, fulfillmentId, shipped, HttpStatusCode.Forbidden);
        await StepAsync(customer, orderId, fulfillmentId, shipped, HttpStatusCode.Forbidden);
        var noNote = await StepAsync(admin, orderId, fulfillmentId, shipped with { note = "  " }, HttpStatusCode.BadRequest);
        Assert.True(noNote.GetProperty("errors").TryGetProperty("Note", out _), noNote.ToString());
        var processing = await StepAsync(admin, orderId, fulfillmentId, new { status = "processing", note = "Nudging it along" }, HttpStatusCode.BadRequest);
        Assert.True(processing.GetProperty("errors").TryGetProperty("Status", out _), processing.ToString());
        var noTracking = await StepAsync(admin, orderId, fulfillmentId, new { status = "shipped", note = "Seller unreachable" }, HttpStatusCode.BadRequest);
        Assert.True(noTracking.GetProperty("errors").TryGetProperty("TrackingNumber", out _), noTracking.ToString());
        await StepAsync(admin, orderId, Guid.NewGuid().ToString(), shipped, HttpStatusCode.NotFound);

        var afterShipping = await StepAsync(admin, orderId, fulfillmentId, shipped, HttpStatusCode.OK);
        Assert.Equal("shipped", afterShipping.GetProperty("status").GetString());
        Assert.Contains("Shipped with Delhivery, tracking number DL-ADMIN-1.", Messages(afterShipping));
        Assert.Contains(afterShipping.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("isInternal").GetBoolean()
            && e.GetProperty("message").GetString() == "Marked shipped by an admin for the seller: Seller unreachable by phone since Monday");
        await using (var connection = new NpgsqlConnection(app.ConnectionString))
            Assert.Equal((3, 0), await connection.QuerySingleAsync<(int, int)>(
                "SELECT on_hand, reserved FROM inventory.stock_items WHERE variant_id = @variantId", new { variantId }));
        var sellerView = await catalog.Seller.GetFromJsonAsync<JsonElement>($"/api/v1/seller/fulfillments/{fulfillmentId}");
        Assert.Equal("shipped", sellerView.GetProperty("status").GetString());
        Assert.DoesNotContain(Messages(sellerView), m => m.Contains("unreachable"));
        Assert.DoesNotContain(Messages(await customer.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{orderId}")), m => m.Contains("unreachable"));

        var delivered = await StepAsync(admin, orderId, fulfillmentId, new { status = "delivered", note = "Courier confirmed delivery by phone" }, HttpStatusCode.OK);
        Assert.Equal("delivered", delivered.GetProperty("status").GetString());
        Assert.True(delivered.GetProperty("isPaid").GetBoolean());
        Assert.Contains("Marked delivered by an admin for the seller: Courier confirmed delivery by phone", Messages(delivered));
        await StepAsync(admin, orderId, fulfillmentId, new { status = "delivered", note = "Again" }, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Refunding_a_returned_online_order_in_full_refunds_its_payment_and_the_timeline_speaks_in_money()
    {
        var (catalog, variantId) = await ProductAsync(1918m);
        var (customer, _) = await app.SignedInClientAsync("buyer");
        await customer.AddToCartAsync(variantId);
        var order = await CatalogClient.Expect(await customer.PostAsJsonAsync("/api/v1/checkout",
            new { shippingAddress = Shopper.Address, shippingMethod = "standard", paymentMethod = "sandbox" }), HttpStatusCode.Created);
        var orderId = order.GetProperty("id").GetString()!;
        var started = await CatalogClient.Expect(await customer.PostAsJsonAsync($"/api/v1/orders/{orderId}/payments", new { method = "sandbox" }), HttpStatusCode.Created);
        var paymentId = started.GetProperty("paymentId").GetGuid();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var payment = await scope.ServiceProvider.GetRequiredService<PaymentService>().FindAsync(paymentId);
            await app.Services.GetRequiredService<SandboxGateway>().SendCallbackAsync(payment!, ProviderOutcome.Succeeded, null);
        }
        await Eventually.GetAsync(() => customer.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{orderId}"), o => o.GetProperty("isPaid").GetBoolean(), "the payment");
        var fulfillmentId = (await customer.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{orderId}")).GetProperty("fulfillments")[0].GetProperty("id").GetString();
        foreach (var step in new object[] { new { status = "shipped", carrier = "DTDC", trackingNumber = "D1" }, new { status = "delivered" } })
            await CatalogClient.Expect(await catalog.Seller.PostAsJsonAsync($"/api/v1/seller/fulfillments/{fulfillmentId}/status", step), HttpStatusCode.OK);
        await CatalogClient.Expect(await customer.PostAsJsonAsync($"/api/v1/orders/{orderId}/return", new { reason = "Colour differs" }), HttpStatusCode.OK);
        var (admin, _) = await app.SignedInClientAsync("admin", "admin");
        await CatalogClient.Expect(await admin.PostAsJsonAsync($"/api/v1/admin/orders/{orderId}/actions", new { action = "acceptReturn" }), HttpStatusCode.OK);

        await CatalogClient.Expect(await admin.PostAsJsonAsync($"/api/v1/admin/orders/{orderId}/actions", new { action = "markRefunded" }), HttpStatusCode.OK);

        await using (var connection = new NpgsqlConnection(app.ConnectionString))
            Assert.Equal((1918m, "refunded"), await connection.QuerySingleAsync<(decimal, string)>(
                "SELECT refunded_amount, status FROM payments.payments WHERE id = @paymentId", new { paymentId }));
        var refunded = await Eventually.GetAsync(() => admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/orders/{orderId}"),
            o => o.GetProperty("status").GetString() == "refunded", "the order to follow its refunded payment");
        var money = app.Services.GetRequiredService<Money>();
        Assert.Contains($"Payment of {money.Show(1918m)} received.", Messages(refunded));
        Assert.Contains($"Refund of {money.Show(1918m)} issued: the return was accepted", Messages(refunded));
        Assert.Equal("Refund of ₹1,918.00 issued: the return was accepted", Messages(refunded).Last());
        Assert.DoesNotContain(Messages(refunded), m => m.Contains("INR"));
        var again = await CatalogClient.Expect(await admin.PostAsJsonAsync($"/api/v1/admin/orders/{orderId}/refunds", new { amount = 1m, reason = "Twice" }), HttpStatusCode.Conflict);
        Assert.Equal("This order has no online payment to refund.", again.GetProperty("detail").GetString());
    }
}

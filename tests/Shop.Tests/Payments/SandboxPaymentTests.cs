using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Shop.Testing;
using Shop.Web.Modules.Payments.Sandbox;

namespace Shop.Tests.Payments;

public sealed class SandboxPaymentTests(ShopAppFactory app) : IClassFixture<ShopAppFactory>
{
    private async Task<(HttpClient Guest, JsonElement Order)> GuestOrderAsync(decimal price = 800m)
    {
        await app.EnsureShippingAsync();
        var catalog = await CatalogClient.CreateAsync(app);
        var category = await catalog.CategoryAsync("Paid");
        var product = await catalog.ProductAsync(CatalogClient.Unique("Silver Anklet"), category.GetProperty("id").GetString()!,
            [CatalogClient.Variant("PAY-" + Guid.NewGuid().ToString("N")[..8], price, stock: 5)]);
        var guest = await app.GuestWithCartAsync(Guid.Parse(product.GetProperty("variants")[0].GetProperty("id").GetString()!));
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/checkout")
        {
            Content = JsonContent.Create(new { email = ApiClient.NewEmail("payer"), shippingAddress = Shopper.Address, shippingMethod = "standard", paymentMethod = "sandbox" }),
        };
        var order = await CatalogClient.Expect(await guest.SendAsync(request), HttpStatusCode.Created);
        return (guest, order);
    }

    private async Task<Guid> StartAsync(HttpClient guest, JsonElement order)
    {
        var started = await CatalogClient.Expect(await guest.PostAsJsonAsync(
            $"/api/v1/orders/{order.GetProperty("id").GetString()}/payments?access={Uri.EscapeDataString(order.GetProperty("accessToken").GetString()!)}",
            new { method = "sandbox" }), HttpStatusCode.Created);
        Assert.StartsWith("/payments/sandbox/", started.GetProperty("redirectUrl").GetString());
        return started.GetProperty("paymentId").GetGuid();
    }

    private async Task<HttpResponseMessage> CallbackAsync(object body, Func<string, string>? sign = null)
    {
        var json = JsonSerializer.Serialize(body);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/payments/webhooks/sandbox") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add(SandboxGateway.SignatureHeader, sign?.Invoke(json) ?? app.Services.GetRequiredService<SandboxGateway>().Sign(DateTimeOffset.UtcNow.ToUnixTimeSeconds(), json));
        return await app.CreateClient().SendAsync(request);
    }

    private static object Event(Guid paymentId, string type, decimal amount, string id = "", string? reason = null) => new
    {
        id = id.Length > 0 ? id : $"evt_{Guid.NewGuid():N}", type, payment_id = paymentId, reference = $"sbx_{paymentId:N}", amount, currency = "INR", reason,
        created = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
    };

    private async Task<JsonElement> OrderAsync(HttpClient guest, JsonElement order) =>
        await guest.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{order.GetProperty("id").GetString()}?access={Uri.EscapeDataString(order.GetProperty("accessToken").GetString()!)}");

    [Fact]
    public async Task Checkout_lists_the_configured_methods()
    {
        var methods = await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/payments/methods");
        Assert.Equal(["sandbox", "cod"], methods.EnumerateArray().Select(m => m.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task A_signed_success_marks_the_order_paid_once_and_forged_or_tampered_callbacks_are_refused()
    {
        var (guest, order) = await GuestOrderAsync(800m);
        var paymentId = await StartAsync(guest, order);
        var total = order.GetProperty("total").GetDecimal();

        var forged = await CallbackAsync(Event(paymentId, "payment.succeeded", total), json => $"t={DateTimeOffset.UtcNow.ToUnixTimeSeconds()},v1={new string('0', 64)}");
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        var stale = await CallbackAsync(Event(paymentId, "payment.succeeded", total), json => app.Services.GetRequiredService<SandboxGateway>().Sign(DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeSeconds(), json));
        Assert.Equal(HttpStatusCode.Unauthorized, stale.StatusCode);
        var tampered = await CallbackAsync(Event(paymentId, "payment.succeeded", 1m));
        Assert.Equal(HttpStatusCode.BadRequest, tampered.StatusCode);
        Assert.Equal("pendingPayment", (await OrderAsync(guest, order)).GetProperty("status").GetString());

        var success = Event(paymentId, "payment.succeeded", total, id: "evt_once");
        Assert.Equal("succeeded", (await (await CallbackAsync(success)).JsonAsync()).GetProperty("outcome").GetString());
        Assert.Equal("duplicate", (await (await CallbackAsync(success)).JsonAsync()).GetProperty("outcome").GetString());
        var lateFailure = await (await CallbackAsync(Event(paymentId, "payment.failed", total, reason: "late"))).JsonAsync();
        Assert.StartsWith("no change", lateFailure.GetProperty("outcome").GetString());

        var paid = await Eventually.GetAsync(() => OrderAsync(guest, order), o => o.GetProperty("status").GetString() == "paid", "the order to be marked paid");
        Assert.Single(paid.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("kind").GetString() == "paid");
        var again = await guest.PostAsJsonAsync($"/api/v1/orders/{order.GetProperty("id").GetString()}/payments?access={Uri.EscapeDataString(order.GetProperty("accessToken").GetString()!)}", new { method = "sandbox" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task A_declined_payment_leaves_the_order_open_and_a_retry_through_the_hosted_page_pays_it()
    {
        var (guest, order) = await GuestOrderAsync(1200m);
        var first = await StartAsync(guest, order);
        await CatalogClient.Expect(await CallbackAsync(Event(first, "payment.failed", order.GetProperty("total").GetDecimal(), reason: "Your card was declined.")), HttpStatusCode.OK);
        var failed = await Eventually.GetAsync(() => OrderAsync(guest, order),
            o => o.GetProperty("timeline").EnumerateArray().Any(e => e.GetProperty("kind").GetString() == "payment_failed"), "the failure on the timeline");
        Assert.Equal("pendingPayment", failed.GetProperty("status").GetString());
        var (admin, _) = await app.SignedInClientAsync("admin", "admin");
        var dashboard = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await admin.GetStringAsync("/admin"));
        var failures = dashboard.QuerySelector("[data-testid=action-failed-payments]")!.TextContent;
        Assert.Contains(order.GetProperty("number").GetString()!, failures);
        Assert.Contains("Your card was declined.", failures);

        var second = await StartAsync(guest, order);
        await using var scope = app.Services.CreateAsyncScope();
        var payment = await scope.ServiceProvider.GetRequiredService<Shop.Web.Modules.Payments.Attempts.PaymentService>().FindAsync(second);
        await app.Services.GetRequiredService<SandboxGateway>().SendCallbackAsync(payment!, Shop.Web.Modules.Payments.Providers.ProviderOutcome.Succeeded, null);

        await Eventually.GetAsync(() => OrderAsync(guest, order), o => o.GetProperty("status").GetString() == "paid", "the retried payment to pay the order");
    }

    [Fact]
    public async Task An_order_unpaid_in_time_is_cancelled_with_its_stock_released_and_a_late_payment_is_noted_for_refund()
    {
        var (guest, order) = await GuestOrderAsync(650m);
        var paymentId = await StartAsync(guest, order);
        var orderId = Guid.Parse(order.GetProperty("id").GetString()!);
        await using (var connection = new Npgsql.NpgsqlConnection(app.ConnectionString))
            await Dapper.SqlMapper.ExecuteAsync(connection, "UPDATE ordering.orders SET placed_at = now() - interval '2 hours' WHERE id = @orderId", new { orderId });

        var expiry = app.Services.GetRequiredService<Shop.Web.Modules.Ordering.Orders.UnpaidOrderExpiry>();
        var cancelled = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => expiry.ExpireAsync()));

        Assert.Equal(1, cancelled.Sum());
        var expired = await OrderAsync(guest, order);
        Assert.Equal("cancelled", expired.GetProperty("status").GetString());
        await using (var connection = new Npgsql.NpgsqlConnection(app.ConnectionString))
            Assert.Equal(0, await Dapper.SqlMapper.ExecuteScalarAsync<int>(connection,
                "SELECT s.reserved FROM inventory.stock_items s JOIN ordering.order_lines l ON l.variant_id = s.variant_id WHERE l.order_id = @orderId", new { orderId }));

        await Eventually.TrueAsync(async () =>
        {
            await using var connection = new Npgsql.NpgsqlConnection(app.ConnectionString);
            return await Dapper.SqlMapper.ExecuteScalarAsync<string>(connection, "SELECT status FROM payments.payments WHERE id = @paymentId", new { paymentId }) == "cancelled";
        }, "the open attempt to be cancelled with its order");

        await CatalogClient.Expect(await CallbackAsync(Event(paymentId, "payment.succeeded", order.GetProperty("total").GetDecimal())), HttpStatusCode.OK);
        var (admin, _) = await app.SignedInClientAsync("admin", "admin");
        var noted = await Eventually.GetAsync(async () => await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/orders/{orderId}"),
            o => o.GetProperty("timeline").EnumerateArray().Any(e => e.GetProperty("message").GetString()!.Contains("refund it")), "the late payment to be noted");
        Assert.Equal("cancelled", noted.GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_unpaid_order_that_cannot_be_cancelled_does_not_hold_back_the_ones_after_it()
    {
        var (_, stuck) = await GuestOrderAsync(300m);
        var (guest, order) = await GuestOrderAsync(310m);
        var (stuckId, orderId) = (Guid.Parse(stuck.GetProperty("id").GetString()!), Guid.Parse(order.GetProperty("id").GetString()!));
        await using (var connection = new Npgsql.NpgsqlConnection(app.ConnectionString))
        {
            // The older order's stock is no longer held (as after a faulty repair by hand): releasing it is refused.
            await Dapper.SqlMapper.ExecuteAsync(connection, """
                UPDATE inventory.stock_items s SET reserved = 0 FROM ordering.order_lines l WHERE l.variant_id = s.variant_id AND l.order_id = @stuckId;
                UPDATE ordering.orders SET placed_at = now() - interval '3 hours' WHERE id = @stuckId;
                UPDATE ordering.orders SET placed_at = now() - interval '2 hours' WHERE id = @orderId;
                """, new { stuckId, orderId });
        }

        Assert.Equal(1, await app.Services.GetRequiredService<Shop.Web.Modules.Ordering.Orders.UnpaidOrderExpiry>().ExpireAsync());
        Assert.Equal("cancelled", (await OrderAsync(guest, order)).GetProperty("status").GetString());
        await using (var connection = new Npgsql.NpgsqlConnection(app.ConnectionString))
            Assert.Equal("pendingpayment", await Dapper.SqlMapper.ExecuteScalarAsync<string>(connection, "SELECT status FROM ordering.orders WHERE id = @stuckId", new { stuckId }));
    }

    [Fact]
    public async Task Refunds_raced_in_parallel_never_exceed_what_was_paid()
    {
        var (guest, order) = await GuestOrderAsync(1000m);
        var paymentId = await StartAsync(guest, order);
        var total = order.GetProperty("total").GetDecimal();
        await CatalogClient.Expect(await CallbackAsync(Event(paymentId, "payment.succeeded", total)), HttpStatusCode.OK);
        await Eventually.GetAsync(() => OrderAsync(guest, order), o => o.GetProperty("status").GetString() == "paid", "the payment");
        var (admin, _) = await app.SignedInClientAsync("admin", "admin");
        var refunds = $"/api/v1/admin/orders/{order.GetProperty("id").GetString()}/refunds";

        var partial = await CatalogClient.Expect(await admin.PostAsJsonAsync(refunds, new { amount = 300m, reason = "Scratched clasp" }), HttpStatusCode.OK);
        Assert.Equal(total - 300m, partial.GetProperty("refundable").GetDecimal());
        var raced = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => admin.PostAsJsonAsync(refunds, new { amount = 300m, reason = "Goodwill" })));

        Assert.Equal((int)((total - 300m) / 300m), raced.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.All(raced.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        await using var connection = new Npgsql.NpgsqlConnection(app.ConnectionString);
        var refunded = await Dapper.SqlMapper.ExecuteScalarAsync<decimal>(connection, "SELECT refunded_amount FROM payments.payments WHERE id = @paymentId", new { paymentId });
        Assert.True(refunded <= total);
        Assert.Equal(300m + 300m * raced.Count(r => r.StatusCode == HttpStatusCode.OK), refunded);
        var tooMuch = await admin.PostAsJsonAsync(refunds, new { amount = total, reason = "Everything" });
        var refused = await tooMuch.JsonAsync();
        Assert.Equal("refund.exceeds_paid", refused.GetProperty("code").GetString());
        Assert.Equal($"At most {app.Services.GetRequiredService<Shop.Web.Platform.Storefront.Money>().Show(total - refunded)} can still be refunded.",
            refused.GetProperty("detail").GetString());
        await Eventually.GetAsync(async () => await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/orders/{order.GetProperty("id").GetString()}"),
            o => o.GetProperty("timeline").EnumerateArray().Count(e => e.GetProperty("kind").GetString() == "refund") == 1 + raced.Count(r => r.StatusCode == HttpStatusCode.OK),
            "every refund on the order's timeline");
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Shop.Testing;

namespace Shop.Tests.Payments;

/// <summary>The shop configured for Razorpay, talking to a local fake of Razorpay's API.</summary>
public sealed class RazorpayShop : ShopAppFactory
{
    public FakeRazorpay Razorpay { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        Razorpay = await FakeRazorpay.StartAsync();
        WithSettings(("Payments:Razorpay:KeyId", FakeRazorpay.KeyId), ("Payments:Razorpay:KeySecret", FakeRazorpay.KeySecret),
            ("Payments:Razorpay:WebhookSecret", FakeRazorpay.WebhookSecret), ("Payments:Razorpay:ApiBaseUrl", Razorpay.Url),
            ("Payments:Methods:0", "razorpay"), ("Payments:Methods:1", "cod"));
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Razorpay.DisposeAsync();
    }
}

public sealed class RazorpayPaymentTests(RazorpayShop app) : IClassFixture<RazorpayShop>
{
    private async Task<(HttpClient Guest, JsonElement Order, Guid PaymentId, string RazorpayOrder, string Access)> RazorpayOrderAsync(decimal price)
    {
        await app.EnsureShippingAsync();
        var catalog = await CatalogClient.CreateAsync(app);
        var category = await catalog.CategoryAsync("Razorpay");
        var product = await catalog.ProductAsync(CatalogClient.Unique("Channapatna Toy"), category.GetProperty("id").GetString()!,
            [CatalogClient.Variant("RZP-" + Guid.NewGuid().ToString("N")[..8], price, stock: 5)]);
        var guest = await app.GuestWithCartAsync(Guid.Parse(product.GetProperty("variants")[0].GetProperty("id").GetString()!));
        var order = await CatalogClient.Expect(await guest.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/checkout")
        {
            Content = JsonContent.Create(new { email = ApiClient.NewEmail("upi"), shippingAddress = Shopper.Address, shippingMethod = "standard", paymentMethod = "razorpay" }),
        }), HttpStatusCode.Created);
        var access = Uri.EscapeDataString(order.GetProperty("accessToken").GetString()!);
        var started = await CatalogClient.Expect(await guest.PostAsJsonAsync($"/api/v1/orders/{order.GetProperty("id").GetString()}/payments?access={access}",
            new { method = "razorpay" }), HttpStatusCode.Created);
        var paymentId = started.GetProperty("paymentId").GetGuid();
        var created = app.Razorpay.Requests.Single(r => r.Path == "/v1/orders" && r.Body.GetProperty("notes").GetProperty("payment_id").GetString() == paymentId.ToString()).Body;
        Assert.Equal((long)(order.GetProperty("total").GetDecimal() * 100), created.GetProperty("amount").GetInt64());
        var page = await guest.GetStringAsync(started.GetProperty("redirectUrl").GetString());
        var razorpayOrder = System.Text.RegularExpressions.Regex.Match(page, "data-order_id=\"(order_[A-Za-z0-9]+)\"").Groups[1].Value;
        Assert.NotEmpty(razorpayOrder);
        return (guest, order, paymentId, razorpayOrder, access);
    }

    private async Task<HttpResponseMessage> WebhookAsync((string Body, string Signature) signed, string? eventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/payments/webhooks/razorpay") { Content = new StringContent(signed.Body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Razorpay-Signature", signed.Signature);
        if (eventId is not null)
            request.Headers.Add("X-Razorpay-Event-Id", eventId);
        return await app.CreateClient().SendAsync(request);
    }

    private static object Payment(string id, string razorpayOrder, Guid paymentId, decimal amount, string status, long refunded = 0, string? error = null) => new
    {
        id, entity = "payment", amount = (long)(amount * 100), currency = "INR", status, order_id = razorpayOrder, method = "upi", amount_refunded = refunded,
        notes = new { payment_id = paymentId.ToString() }, error_description = error,
    };

    [Fact]
    public async Task The_signed_checkout_result_pays_the_order_and_a_forged_one_is_refused()
    {
        var (guest, order, paymentId, razorpayOrder, access) = await RazorpayOrderAsync(640m);
        var orderId = order.GetProperty("id").GetString();
        var noRedirects = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var forged = await noRedirects.PostAsync($"/payments/razorpay/{paymentId}/callback?return=/orders/{orderId}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["razorpay_order_id"] = razorpayOrder, ["razorpay_payment_id"] = "pay_Forged000001", ["razorpay_signature"] = new string('a', 64),
        }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        var genuine = await noRedirects.PostAsync($"/payments/razorpay/{paymentId}/callback?return=/orders/{orderId}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["razorpay_order_id"] = razorpayOrder, ["razorpay_payment_id"] = "pay_Genuine00001", ["razorpay_signature"] = FakeRazorpay.CheckoutSignature(razorpayOrder, "pay_Genuine00001"),
        }));
        Assert.Equal(HttpStatusCode.Redirect, genuine.StatusCode);
        Assert.Equal($"/orders/{orderId}", genuine.Headers.Location?.OriginalString);
        await Eventually.GetAsync(async () => await guest.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{orderId}?access={access}"),
            o => o.GetProperty("status").GetString() == "paid", "the order to be paid");

        // Razorpay's webhook for the same capture arrives too: it changes nothing more.
        var captured = FakeRazorpay.Webhook("payment.captured", Payment("pay_Genuine00001", razorpayOrder, paymentId, order.GetProperty("total").GetDecimal(), "captured"));
        Assert.StartsWith("no change", (await (await WebhookAsync(captured, "evt_captured_1")).JsonAsync()).GetProperty("outcome").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await WebhookAsync((captured.Body, new string('0', 64)))).StatusCode);

        var (admin, _) = await app.SignedInClientAsync("admin", "admin");
        await CatalogClient.Expect(await admin.PostAsJsonAsync($"/api/v1/admin/orders/{orderId}/refunds", new { amount = 140m, reason = "Paint chipped" }), HttpStatusCode.OK);
        Assert.Equal(14000, app.Razorpay.Requests.Single(r => r.Path == "/v1/payments/pay_Genuine00001/refund").Body.GetProperty("amount").GetInt64());
    }

    [Fact]
    public async Task Webhooks_pay_or_fail_orders_once_and_reconciliation_finds_a_capture_whose_webhook_was_lost()
    {
        var (guest, order, paymentId, razorpayOrder, access) = await RazorpayOrderAsync(980m);
        var total = order.GetProperty("total").GetDecimal();
        var failed = FakeRazorpay.Webhook("payment.failed", Payment("pay_Failed000001", razorpayOrder, paymentId, total, "failed", error: "Payment was unsuccessful as the UPI app was closed."));
        Assert.Equal("failed", (await (await WebhookAsync(failed, "evt_failed_1")).JsonAsync()).GetProperty("outcome").GetString());
        Assert.Equal("duplicate", (await (await WebhookAsync(failed, "evt_failed_1")).JsonAsync()).GetProperty("outcome").GetString());
        var captured = FakeRazorpay.Webhook("payment.captured", Payment("pay_Retried00001", razorpayOrder, paymentId, total, "captured"));
        Assert.Equal("succeeded", (await (await WebhookAsync(captured, "evt_captured_2")).JsonAsync()).GetProperty("outcome").GetString());
        await Eventually.GetAsync(async () => await guest.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{order.GetProperty("id").GetString()}?access={access}"),
            o => o.GetProperty("status").GetString() == "paid", "the capture to pay the order");

        var (lostGuest, lostOrder, lostPayment, lostRazorpayOrder, lostAccess) = await RazorpayOrderAsync(410m);
        app.Razorpay.OrderPayments[lostRazorpayOrder] = [Payment("pay_Lost00000001", lostRazorpayOrder, lostPayment, lostOrder.GetProperty("total").GetDecimal(), "captured")];
        await using (var connection = new Npgsql.NpgsqlConnection(app.ConnectionString))
            await Dapper.SqlMapper.ExecuteAsync(connection, "UPDATE payments.payments SET created_at = now() - interval '1 hour' WHERE id = @lostPayment", new { lostPayment });
        var reconciliation = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Shop.Web.Modules.Payments.Reconciliation.PaymentReconciliation>(app.Services);
        Assert.Equal(1, await reconciliation.ReconcileAsync());
        await Eventually.GetAsync(async () => await lostGuest.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{lostOrder.GetProperty("id").GetString()}?access={lostAccess}"),
            o => o.GetProperty("status").GetString() == "paid", "reconciliation to pay the order");
    }

    /// <summary>
    /// The sample "payment.captured" payload of Razorpay's webhook documentation (razorpay.com/docs/webhooks/payments),
    /// with this test's order id and amount put in. It carries no notes of ours: the payment is found by its order.
    /// </summary>
    private const string DocumentedPaymentCaptured = """
        {
          "entity": "event",
          "account_id": "acc_BFQ7uQEaa7j2z7",
          "event": "payment.captured",
          "contains": ["payment"],
          "payload": {
            "payment": {
              "entity": {
                "id": "pay_DESlfW9H8K9uqM",
                "entity": "payment",
                "amount": AMOUNT,
                "currency": "INR",
                "status": "captured",
                "order_id": "ORDER_ID",
                "invoice_id": null,
                "international": false,
                "method": "netbanking",
                "amount_refunded": 0,
                "refund_status": null,
                "captured": true,
                "description": null,
                "card_id": null,
                "bank": "HDFC",
                "wallet": null,
                "vpa": null,
                "email": "gaurav.kumar@example.com",
                "contact": "+919000090000",
                "notes": [],
                "fee": 2,
                "tax": 0,
                "error_code": null,
                "error_description": null,
                "created_at": 1567674599
              }
            }
          },
          "created_at": 1567674606
        }
        """;

    [Fact]
    public async Task The_documented_payment_captured_sample_pays_the_order_it_belongs_to()
    {
        var (guest, order, _, razorpayOrder, access) = await RazorpayOrderAsync(555m);
        var body = DocumentedPaymentCaptured.Replace("AMOUNT", ((long)(order.GetProperty("total").GetDecimal() * 100)).ToString()).Replace("ORDER_ID", razorpayOrder);
        var signature = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(
            Encoding.UTF8.GetBytes(FakeRazorpay.WebhookSecret), Encoding.UTF8.GetBytes(body)));

        Assert.Equal("succeeded", (await (await WebhookAsync((body, signature), "evt_documented")).JsonAsync()).GetProperty("outcome").GetString());
        await Eventually.GetAsync(async () => await guest.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{order.GetProperty("id").GetString()}?access={access}"),
            o => o.GetProperty("status").GetString() == "paid", "the documented capture to pay the order");
    }
}

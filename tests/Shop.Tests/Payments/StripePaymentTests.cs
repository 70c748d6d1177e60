using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Shop.Testing;

namespace Shop.Tests.Payments;

/// <summary>The shop configured for Stripe, talking to a local fake of Stripe's API.</summary>
public sealed class StripeShop : ShopAppFactory
{
    public FakeStripe Stripe { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        Stripe = await FakeStripe.StartAsync();
        WithSettings(("Payments:Stripe:SecretKey", FakeStripe.SecretKey), ("Payments:Stripe:WebhookSecret", FakeStripe.WebhookSecret),
            ("Payments:Stripe:ApiBaseUrl", Stripe.Url), ("Payments:Methods:0", "stripe"), ("Payments:Methods:1", "cod"));
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Stripe.DisposeAsync();
    }
}

public sealed class StripePaymentTests(StripeShop app) : IClassFixture<StripeShop>
{
    private async Task<(HttpClient Guest, JsonElement Order, Guid PaymentId, string SessionId)> StripeOrderAsync(decimal price)
    {
        await app.EnsureShippingAsync();
        var catalog = await CatalogClient.CreateAsync(app);
        var category = await catalog.CategoryAsync("Stripe");
        var product = await catalog.ProductAsync(CatalogClient.Unique("Kalamkari Cushion"), category.GetProperty("id").GetString()!,
            [CatalogClient.Variant("STR-" + Guid.NewGuid().ToString("N")[..8], price, stock: 5)]);
        var guest = await app.GuestWithCartAsync(Guid.Parse(product.GetProperty("variants")[0].GetProperty("id").GetString()!));
        var order = await CatalogClient.Expect(await guest.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/checkout")
        {
            Content = JsonContent.Create(new { email = ApiClient.NewEmail("card"), shippingAddress = Shopper.Address, shippingMethod = "standard", paymentMethod = "stripe" }),
        }), HttpStatusCode.Created);
        var started = await CatalogClient.Expect(await guest.PostAsJsonAsync(
            $"/api/v1/orders/{order.GetProperty("id").GetString()}/payments?access={Uri.EscapeDataString(order.GetProperty("accessToken").GetString()!)}",
            new { method = "stripe" }), HttpStatusCode.Created);
        var url = started.GetProperty("redirectUrl").GetString()!;
        Assert.StartsWith("https://checkout.stripe.com/c/pay/cs_test_", url);
        return (guest, order, started.GetProperty("paymentId").GetGuid(), url.Split('/').Last());
    }

    private async Task<HttpResponseMessage> WebhookAsync((string Body, string Signature) signed)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/payments/webhooks/stripe") { Content = new StringContent(signed.Body, Encoding.UTF8, "application/json") };
        request.Headers.Add("Stripe-Signature", signed.Signature);
        return await app.CreateClient().SendAsync(request);
    }

    private static object Session(string sessionId, Guid paymentId, decimal total, string paymentIntent) => new
    {
        id = sessionId, @object = "checkout.session", amount_total = (long)(total * 100), currency = "inr", client_reference_id = paymentId.ToString(),
        metadata = new { payment_id = paymentId.ToString() }, payment_intent = paymentIntent, payment_status = "paid", status = "complete",
    };

    private static object Charge(Guid paymentId, decimal total, decimal refunded, string paymentIntent) => new
    {
        id = $"ch_{Guid.NewGuid():N}"[..27], @object = "charge", amount = (long)(total * 100), amount_refunded = (long)(refunded * 100), currency = "inr",
        payment_intent = paymentIntent, refunded = refunded == total, metadata = new { payment_id = paymentId.ToString() },
    };

    private async Task<JsonElement> OrderAsync(HttpClient guest, JsonElement order) =>
        await guest.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{order.GetProperty("id").GetString()}?access={Uri.EscapeDataString(order.GetProperty("accessToken").GetString()!)}");

    [Fact]
    public async Task A_checkout_session_is_created_over_the_documented_API_and_its_signed_webhook_pays_the_order()
    {
        var (guest, order, paymentId, sessionId) = await StripeOrderAsync(1250m);
        var total = order.GetProperty("total").GetDecimal();
        var created = app.Stripe.Requests.Single(r => r.Path == "/v1/checkout/sessions" && r.Form["metadata[payment_id]"] == paymentId.ToString()).Form;
        Assert.Equal(((long)(total * 100)).ToString(), created["line_items[0][price_data][unit_amount]"]);
        Assert.Equal("inr", created["line_items[0][price_data][currency]"]);
        Assert.Equal("payment", created["mode"]);

        var forged = FakeStripe.Event("checkout.session.completed", Session(sessionId, paymentId, total, "pi_forged"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await WebhookAsync((forged.Body, forged.Signature.Replace("v1=", "v1=0")))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await WebhookAsync(FakeStripe.Event("checkout.session.completed", Session(sessionId, paymentId, total, "pi_old"),
            signedAt: DateTimeOffset.UtcNow.AddMinutes(-10)))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await WebhookAsync(FakeStripe.Event("checkout.session.completed", Session(sessionId, paymentId, total - 1, "pi_cheap")))).StatusCode);

        var completed = FakeStripe.Event("checkout.session.completed", Session(sessionId, paymentId, total, "pi_3Paid000001"));
        Assert.Equal("succeeded", (await (await WebhookAsync(completed)).JsonAsync()).GetProperty("outcome").GetString());
        Assert.Equal("duplicate", (await (await WebhookAsync(completed)).JsonAsync()).GetProperty("outcome").GetString());
        await Eventually.GetAsync(() => OrderAsync(guest, order), o => o.GetProperty("status").GetString() == "paid", "the order to be paid");

        var (admin, _) = await app.SignedInClientAsync("admin", "admin");
        await CatalogClient.Expect(await admin.PostAsJsonAsync($"/api/v1/admin/orders/{order.GetProperty("id").GetString()}/refunds", new { amount = 250m, reason = "Faded print" }), HttpStatusCode.OK);
        var refund = app.Stripe.Requests.Single(r => r.Path == "/v1/refunds" && r.Form["payment_intent"] == "pi_3Paid000001").Form;
        Assert.Equal("25000", refund["amount"]);

        // Stripe then reports the refund it made for us (nothing changes), and later one made in its dashboard.
        Assert.StartsWith("no change", (await (await WebhookAsync(FakeStripe.Event("charge.refunded", Charge(paymentId, total, 250m, "pi_3Paid000001")))).JsonAsync()).GetProperty("outcome").GetString());
        Assert.Equal("refunded", (await (await WebhookAsync(FakeStripe.Event("charge.refunded", Charge(paymentId, total, 400m, "pi_3Paid000001")))).JsonAsync()).GetProperty("outcome").GetString());
        await Eventually.GetAsync(async () => await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/orders/{order.GetProperty("id").GetString()}"),
            o => o.GetProperty("timeline").EnumerateArray().Count(e => e.GetProperty("kind").GetString() == "refund") == 2, "both refunds on the timeline");
    }

    [Fact]
    public async Task A_refund_arriving_before_the_success_still_ends_paid_and_refunded_and_a_failure_leaves_the_order_open()
    {
        var (guest, order, paymentId, sessionId) = await StripeOrderAsync(900m);
        var total = order.GetProperty("total").GetDecimal();

        Assert.Equal("refunded", (await (await WebhookAsync(FakeStripe.Event("charge.refunded", Charge(paymentId, total, total, "pi_3Early00001")))).JsonAsync()).GetProperty("outcome").GetString());
        Assert.StartsWith("no change", (await (await WebhookAsync(FakeStripe.Event("checkout.session.completed", Session(sessionId, paymentId, total, "pi_3Early00001")))).JsonAsync()).GetProperty("outcome").GetString());
        var settled = await Eventually.GetAsync(() => OrderAsync(guest, order),
            o => o.GetProperty("isPaid").GetBoolean() && o.GetProperty("timeline").EnumerateArray().Any(e => e.GetProperty("kind").GetString() == "refund"), "paid, then refunded");
        Assert.Equal("paid", settled.GetProperty("status").GetString());

        var (other, otherOrder, otherPayment, _) = await StripeOrderAsync(500m);
        var failed = FakeStripe.Event("payment_intent.payment_failed", new
        {
            id = "pi_3Declined01", @object = "payment_intent", amount = (long)(otherOrder.GetProperty("total").GetDecimal() * 100), currency = "inr",
            metadata = new { payment_id = otherPayment.ToString() }, last_payment_error = new { message = "Your card has insufficient funds." },
        });
        Assert.Equal("failed", (await (await WebhookAsync(failed)).JsonAsync()).GetProperty("outcome").GetString());
        var open = await Eventually.GetAsync(() => OrderAsync(other, otherOrder),
            o => o.GetProperty("timeline").EnumerateArray().Any(e => e.GetProperty("kind").GetString() == "payment_failed"), "the decline on the timeline");
        Assert.Equal("pendingPayment", open.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Payments_pending_too_long_are_settled_by_asking_the_provider()
    {
        var (guest, order, paymentId, sessionId) = await StripeOrderAsync(700m);
        var (_, abandonedOrder, abandonedPayment, abandonedSession) = await StripeOrderAsync(300m);
        app.Stripe.Sessions[sessionId] = ("paid", "complete", "pi_3Reconciled1");
        app.Stripe.Sessions[abandonedSession] = ("unpaid", "expired", null);
        await using (var connection = new Npgsql.NpgsqlConnection(app.ConnectionString))
            await Dapper.SqlMapper.ExecuteAsync(connection, "UPDATE payments.payments SET created_at = now() - interval '1 hour' WHERE id = ANY(@ids)",
                new { ids = new[] { paymentId, abandonedPayment } });

        var reconciliation = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Shop.Web.Modules.Payments.Reconciliation.PaymentReconciliation>(app.Services);
        var settled = await Task.WhenAll(reconciliation.ReconcileAsync(), reconciliation.ReconcileAsync());

        Assert.Equal(2, settled.Sum());
        await Eventually.GetAsync(() => OrderAsync(guest, order), o => o.GetProperty("status").GetString() == "paid", "the reconciled payment to pay the order");
        await using (var connection = new Npgsql.NpgsqlConnection(app.ConnectionString))
            Assert.Equal("failed", await Dapper.SqlMapper.ExecuteScalarAsync<string>(connection, "SELECT status FROM payments.payments WHERE id = @abandonedPayment", new { abandonedPayment }));
    }

    /// <summary>
    /// A checkout.session.completed event as Stripe's API reference shows the Event and Checkout Session
    /// objects, with this test's session id and amount put in; its metadata is empty, so the payment is
    /// found by the session.
    /// </summary>
    private const string DocumentedSessionCompleted = """
        {
          "id": "evt_1PzN9cLkdIwHu7ixlYAgIp2M",
          "object": "event",
          "api_version": "2024-06-20",
          "created": 1726650440,
          "data": {
            "object": {
              "id": "SESSION_ID",
              "object": "checkout.session",
              "amount_subtotal": AMOUNT,
              "amount_total": AMOUNT,
              "currency": "inr",
              "customer_details": { "email": "jenny.rosen@example.com", "name": "Jenny Rosen" },
              "livemode": false,
              "metadata": {},
              "mode": "payment",
              "payment_intent": "pi_3PzN9aLkdIwHu7ix0K2Tq5pB",
              "payment_method_types": ["card"],
              "payment_status": "paid",
              "status": "complete"
            }
          },
          "livemode": false,
          "pending_webhooks": 1,
          "request": { "id": null, "idempotency_key": null },
          "type": "checkout.session.completed"
        }
        """;

    [Fact]
    public async Task A_documented_checkout_session_completed_event_pays_the_order_of_its_session()
    {
        var (guest, order, _, sessionId) = await StripeOrderAsync(333m);
        var body = DocumentedSessionCompleted.Replace("AMOUNT", ((long)(order.GetProperty("total").GetDecimal() * 100)).ToString()).Replace("SESSION_ID", sessionId);
        var t = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var v1 = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(FakeStripe.WebhookSecret), Encoding.UTF8.GetBytes($"{t}.{body}")));

        Assert.Equal("succeeded", (await (await WebhookAsync((body, $"t={t},v1={v1}"))).JsonAsync()).GetProperty("outcome").GetString());
        await Eventually.GetAsync(() => OrderAsync(guest, order), o => o.GetProperty("status").GetString() == "paid", "the documented event to pay the order");
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using Npgsql;
using Shop.Testing;
using Shop.Tests.Payments;

namespace Shop.Tests.Currencies;

/// <summary>Stripe charging in the shopper's display currency, where the admin allows it, against the local fake of Stripe's API.</summary>
public sealed class StripeCurrencyChargeTests(StripeShop app) : IClassFixture<StripeShop>
{
    private const decimal Rate = 83.25m;

    private async Task<HttpResponseMessage> WebhookAsync((string Body, string Signature) signed)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/payments/webhooks/stripe") { Content = new StringContent(signed.Body, Encoding.UTF8, "application/json") };
        request.Headers.Add("Stripe-Signature", signed.Signature);
        return await app.CreateClient().SendAsync(request);
    }

    private async Task<string> OutcomeAsync(string type, object item) =>
        (await (await WebhookAsync(FakeStripe.Event(type, item))).JsonAsync()).GetProperty("outcome").GetString()!;

    [Fact]
    public async Task A_shopper_reading_dollars_is_charged_in_dollars_at_the_recorded_rate_refunds_use_it_and_the_ledger_stays_in_rupees()
    {
        var (admin, _) = await app.SignedInClientAsync("admin", "admin");
        await CatalogClient.Expect(await admin.PutAsJsonAsync("/api/v1/admin/currencies/USD", new { rate = Rate, isEnabled = true, chargeInCurrency = true }), HttpStatusCode.OK);
        await app.EnsureShippingAsync();
        var catalog = await CatalogClient.CreateAsync(app);
        var category = await catalog.CategoryAsync(CatalogClient.Unique("Dollars"));
        var product = await catalog.ProductAsync(CatalogClient.Unique("Pashmina Shawl"), category.GetProperty("id").GetString()!,
            [CatalogClient.Variant("USD-" + Guid.NewGuid().ToString("N")[..8], 2499m, stock: 5)]);
        var guest = await app.GuestWithCartAsync(Guid.Parse(product.GetProperty("variants")[0].GetProperty("id").GetString()!));
        await CatalogClient.Expect(await guest.PutAsJsonAsync("/api/v1/currencies/choice", new { currency = "USD" }), HttpStatusCode.OK);

        var order = await CatalogClient.Expect(await guest.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/checkout")
        {
            Content = JsonContent.Create(new { email = ApiClient.NewEmail("dollar"), shippingAddress = Shopper.Address, shippingMethod = "standard", paymentMethod = "stripe" }),
        }), HttpStatusCode.Created);
        var total = order.GetProperty("total").GetDecimal();
        Assert.Equal("INR", order.GetProperty("currency").GetString());
        var access = $"?access={Uri.EscapeDataString(order.GetProperty("accessToken").GetString()!)}";
        var orderId = order.GetProperty("id").GetString()!;
        var started = await CatalogClient.Expect(await guest.PostAsJsonAsync($"/api/v1/orders/{orderId}/payments{access}", new { method = "stripe" }), HttpStatusCode.Created);
        var paymentId = started.GetProperty("paymentId").GetGuid();
        var sessionId = started.GetProperty("redirectUrl").GetString()!.Split('/').Last();

        var dollars = Math.Round(total / Rate, 2, MidpointRounding.AwayFromZero);
        var cents = (long)(dollars * 100);
        var session = app.Stripe.Requests.Single(r => r.Path == "/v1/checkout/sessions" && r.Form["metadata[payment_id]"] == paymentId.ToString()).Form;
        Assert.Equal("usd", session["line_items[0][price_data][currency]"]);
        Assert.Equal(cents.ToString(), session["line_items[0][price_data][unit_amount]"]);
        await using (var connection = new NpgsqlConnection(app.ConnectionString))
        {
            var recorded = await connection.QuerySingleAsync<(decimal Amount, string Currency, string ChargedCurrency, decimal ChargedAmount, decimal ChargedRate)>(
                "SELECT amount, currency, charged_currency, charged_amount, charged_rate FROM payments.payments WHERE id = @paymentId", new { paymentId });
            Assert.Equal((total, "INR", "USD", dollars, Rate), recorded);
        }

        // Stripe reports the charge in dollars; rupees would not match what was asked for.
        Assert.Equal(HttpStatusCode.BadRequest,
            (await WebhookAsync(FakeStripe.Event("checkout.session.completed", Session(sessionId, paymentId, (long)(total * 100), "inr", "pi_3Rupees")))).StatusCode);
        Assert.Equal("succeeded", await OutcomeAsync("checkout.session.completed", Session(sessionId, paymentId, cents, "usd", "pi_3Dollars01")));
        var paid = await Eventually.GetAsync(() => guest.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{orderId}{access}"),
            o => o.GetProperty("status").GetString() == "paid", "the order to be paid");
        Assert.Contains(paid.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("message").GetString()!.Contains($"charged as US${dollars:0.00} at ₹83.25 per USD"));

        // A part refund in rupees goes back in dollars at the recorded rate, even after the rate changes; the rest returns exactly what is left.
        await CatalogClient.Expect(await admin.PutAsJsonAsync("/api/v1/admin/currencies/USD", new { rate = 90m, isEnabled = true, chargeInCurrency = true }), HttpStatusCode.OK);
        await CatalogClient.Expect(await admin.PostAsJsonAsync($"/api/v1/admin/orders/{orderId}/refunds", new { amount = 500m, reason = "Loose thread" }), HttpStatusCode.OK);
        var partCents = (long)(Math.Round(500m / Rate, 2, MidpointRounding.AwayFromZero) * 100);
        Assert.Equal(partCents.ToString(), app.Stripe.Requests.Where(r => r.Path == "/v1/refunds" && r.Form["payment_intent"] == "pi_3Dollars01").First().Form["amount"]);
        await CatalogClient.Expect(await admin.PostAsJsonAsync($"/api/v1/admin/orders/{orderId}/refunds", new { amount = total - 500m, reason = "Returned" }), HttpStatusCode.OK);
        var refunds = app.Stripe.Requests.Where(r => r.Path == "/v1/refunds" && r.Form["payment_intent"] == "pi_3Dollars01").Select(r => long.Parse(r.Form["amount"])).ToList();
        Assert.Equal(cents, refunds.Sum());
        // Stripe's own report of those refunds, in dollars, changes nothing.
        Assert.StartsWith("no change", await OutcomeAsync("charge.refunded", new
        {
            id = "ch_3Dollars01", @object = "charge", amount = cents, amount_refunded = cents, currency = "usd", payment_intent = "pi_3Dollars01",
            refunded = true, metadata = new { payment_id = paymentId.ToString() },
        }));

        // The ledger is in rupees: the sale at the order's rupee amount, the refunds at the rupees refunded.
        var entries = await Eventually.GetAsync(async () =>
        {
            await using var connection = new NpgsqlConnection(app.ConnectionString);
            return (await connection.QueryAsync<(string Kind, decimal Amount, string Currency)>(
                "SELECT kind, amount, currency FROM ledger.entries WHERE order_id = @id", new { id = Guid.Parse(orderId) })).ToList();
        }, e => e.Count(x => x.Kind == "refund") == 2, "the sale and both refunds in the ledger");
        Assert.All(entries, e => Assert.Equal("INR", e.Currency));
        Assert.Equal(-Math.Min(total, entries.Where(e => e.Kind == "sale").Sum(e => e.Amount)), entries.Where(e => e.Kind == "refund").Sum(e => e.Amount));
    }

    [Fact]
    public async Task Without_the_admins_leave_a_shopper_reading_dollars_is_charged_in_rupees()
    {
        var (admin, _) = await app.SignedInClientAsync("admin", "admin");
        await CatalogClient.Expect(await admin.PutAsJsonAsync("/api/v1/admin/currencies/EUR", new { rate = 90m, isEnabled = true, chargeInCurrency = false }), HttpStatusCode.OK);
        await app.EnsureShippingAsync();
        var catalog = await CatalogClient.CreateAsync(app);
        var category = await catalog.CategoryAsync(CatalogClient.Unique("Euros"));
        var product = await catalog.ProductAsync(CatalogClient.Unique("Silk Stole"), category.GetProperty("id").GetString()!,
            [CatalogClient.Variant("EUR-" + Guid.NewGuid().ToString("N")[..8], 1500m, stock: 5)]);
        var guest = await app.GuestWithCartAsync(Guid.Parse(product.GetProperty("variants")[0].GetProperty("id").GetString()!));
        await CatalogClient.Expect(await guest.PutAsJsonAsync("/api/v1/currencies/choice", new { currency = "EUR" }), HttpStatusCode.OK);
        var order = await CatalogClient.Expect(await guest.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/checkout")
        {
            Content = JsonContent.Create(new { email = ApiClient.NewEmail("euro"), shippingAddress = Shopper.Address, shippingMethod = "standard", paymentMethod = "stripe" }),
        }), HttpStatusCode.Created);
        var started = await CatalogClient.Expect(await guest.PostAsJsonAsync(
            $"/api/v1/orders/{order.GetProperty("id").GetString()}/payments?access={Uri.EscapeDataString(order.GetProperty("accessToken").GetString()!)}",
            new { method = "stripe" }), HttpStatusCode.Created);
        var session = app.Stripe.Requests.Single(r => r.Path == "/v1/checkout/sessions" && r.Form["metadata[payment_id]"] == started.GetProperty("paymentId").GetString()).Form;
        Assert.Equal("inr", session["line_items[0][price_data][currency]"]);
        Assert.Equal(((long)(order.GetProperty("total").GetDecimal() * 100)).ToString(), session["line_items[0][price_data][unit_amount]"]);
    }

    private static object Session(string sessionId, Guid paymentId, long amount, string currency, string paymentIntent) => new
    {
        id = sessionId, @object = "checkout.session", amount_total = amount, currency, client_reference_id = paymentId.ToString(),
        metadata = new { payment_id = paymentId.ToString() }, payment_intent = paymentIntent, payment_status = "paid", status = "complete",
    };
}

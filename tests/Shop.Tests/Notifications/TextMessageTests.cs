using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Npgsql;
using Shop.Testing;

namespace Shop.Tests.Notifications;

/// <summary>
/// Text messages end to end against a Twilio stand-in: a phone number confirmed with a texted code, SMS
/// turned on per kind only for a confirmed number, order updates texted once per fact however often the
/// outbox runs, Twilio's signed delivery receipts recorded (and forged ones refused), and Twilio's errors
/// told apart: a number it will never text is marked refused, an outage is retried.
/// </summary>
public sealed class TextMessageTests : IAsyncLifetime
{
    private const string PublicUrl = "https://shop.example.in";
    private FakeTwilio twilio = null!;
    private ShopAppFactory app = null!;

    public async Task InitializeAsync()
    {
        twilio = await FakeTwilio.StartAsync();
        app = await new ShopAppFactory().WithSettings([.. twilio.Settings, ("Store:PublicUrl", PublicUrl), ("Store:Name", "Bazaar")]).StartAsync();
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        await twilio.DisposeAsync();
    }

    [Fact]
    public async Task A_phone_number_is_confirmed_with_the_texted_code_and_bad_numbers_and_wrong_codes_are_refused()
    {
        var (client, email) = await app.SignedInClientAsync("phone");
        var before = twilio.Messages.Count;
        foreach (var bad in new[] { "", "12345", "call me maybe", "+0 98450 12345", "+91 12345 67890", "55512 34567", "+1234567890123456", "98450+12345" })
            await ExpectFieldErrorAsync(await client.PostAsJsonAsync("/api/v1/me/phone/code", new { phoneNumber = bad }), "PhoneNumber", bad);
        await OutboxDrainedAsync();
        Assert.Equal(before, twilio.Messages.Count);

        var sent = await CatalogClient.Expect(await client.PostAsJsonAsync("/api/v1/me/phone/code", new { phoneNumber = "098450-12345" }), HttpStatusCode.Accepted);
        Assert.Equal("+919845012345", sent.GetProperty("phoneNumber").GetString());
        var code = await twilio.CodeSentToAsync("+919845012345");
        var texted = twilio.Messages.Single(m => m.To == "+919845012345");
        Assert.Equal((FakeTwilio.From, $"{PublicUrl}/api/v1/notifications/text-messages/status"), (texted.From, texted.StatusCallback));
        Assert.StartsWith($"{code} is your Bazaar code", texted.Body);
        await OutboxDrainedAsync();
        var (body, status) = await ScalarAsync<(string Body, string Status)>("SELECT body, status FROM notifications.text_messages WHERE recipient = '+919845012345'");
        Assert.DoesNotContain(code, body);
        Assert.Equal("queued", status);

        var wrong = code == "000000" ? "111111" : "000000";
        await ExpectFieldErrorAsync(await client.PostAsJsonAsync("/api/v1/me/phone/confirm", new { phoneNumber = "+919845012345", code = wrong }), "Code", wrong);
        await ExpectFieldErrorAsync(await client.PostAsJsonAsync("/api/v1/me/phone/confirm", new { phoneNumber = "+919845012345", code = "12ab56" }), "Code", "12ab56");
        // The code is for the number it was texted to, not for any other.
        await ExpectFieldErrorAsync(await client.PostAsJsonAsync("/api/v1/me/phone/confirm", new { phoneNumber = "+919845012346", code }), "Code", "another number");
        Assert.False((await (await client.GetAsync("/api/v1/me")).JsonAsync()).GetProperty("phoneConfirmed").GetBoolean());

        var me = await CatalogClient.Expect(await client.PostAsJsonAsync("/api/v1/me/phone/confirm", new { phoneNumber = "98450 12345", code = $" {code} " }), HttpStatusCode.OK);
        Assert.Equal(("+919845012345", true), (me.GetProperty("phone").GetString(), me.GetProperty("phoneConfirmed").GetBoolean()));
        // Confirming renewed the security stamp: sessions signed in before it have ended.
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/me")).StatusCode);
        var again = app.BearerClient((await app.LoginAsync(email)).AccessToken);
        await ExpectFieldErrorAsync(await again.PostAsJsonAsync("/api/v1/me/phone/code", new { phoneNumber = "+91 98450 12345" }), "PhoneNumber", "the confirmed number");
    }

    [Fact]
    public async Task Codes_are_limited_per_account_and_per_number()
    {
        var (first, _) = await app.SignedInClientAsync("limit");
        for (var i = 0; i < 3; i++)
            await CatalogClient.Expect(await first.PostAsJsonAsync("/api/v1/me/phone/code", new { phoneNumber = "+44 7700 900123" }), HttpStatusCode.Accepted);
        var limited = await first.PostAsJsonAsync("/api/v1/me/phone/code", new { phoneNumber = "+44 7700 900124" });
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Contains("texted enough codes", (await limited.JsonAsync()).GetProperty("detail").GetString());

        // Another account cannot flood the same phone either.
        var (second, _) = await app.SignedInClientAsync("flood");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await second.PostAsJsonAsync("/api/v1/me/phone/code", new { phoneNumber = "+447700900123" })).StatusCode);
        await OutboxDrainedAsync();
        Assert.Equal(3, twilio.Messages.Count(m => m.To == "+447700900123"));
    }

    [Fact]
    public async Task Text_messages_are_off_by_default_and_cannot_be_turned_on_without_a_confirmed_number()
    {
        var (client, _) = await app.SignedInClientAsync("optin");
        var preferences = await client.GetFromJsonAsync<JsonElement>("/api/v1/notifications/preferences");
        var shipped = preferences.EnumerateArray().Single(p => p.GetProperty("kind").GetString() == "order-shipped");
        Assert.Equal((true, false), (shipped.GetProperty("hasSms").GetBoolean(), shipped.GetProperty("sms").GetBoolean()));
        Assert.Equal(["order-delivered", "order-out-for-delivery", "order-shipped", "refund-issued"],
            preferences.EnumerateArray().Where(p => p.GetProperty("hasSms").GetBoolean()).Select(p => p.GetProperty("kind").GetString()).Order());

        await ExpectFieldErrorAsync(await client.PutAsJsonAsync("/api/v1/notifications/preferences",
            new { preferences = new[] { new { kind = "order-shipped", email = true, inApp = true, sms = true } } }), "Preferences[0].Sms", "no confirmed number");
        await ExpectFieldErrorAsync(await client.PutAsJsonAsync("/api/v1/notifications/preferences",
            new { preferences = new[] { new { kind = "order-placed", email = true, inApp = true, sms = true } } }), "Preferences[0].Sms", "a kind without SMS");

        // An unconfirmed number (set as contact details) does not count either.
        await CatalogClient.Expect(await client.PutAsJsonAsync("/api/v1/me", new { name = "Asha Rao", phone = "+91 98450 12399" }), HttpStatusCode.OK);
        await ExpectFieldErrorAsync(await client.PutAsJsonAsync("/api/v1/notifications/preferences",
            new { preferences = new[] { new { kind = "order-shipped", email = true, inApp = true, sms = true } } }), "Preferences[0].Sms", "an unconfirmed number");

        var (confirmed, _) = await ConfirmedPhoneClientAsync("optedin", "+919845012300");
        var saved = await CatalogClient.Expect(await confirmed.PutAsJsonAsync("/api/v1/notifications/preferences",
            new { preferences = new[] { new { kind = "order-shipped", email = true, inApp = true, sms = true } } }), HttpStatusCode.OK);
        Assert.True(saved.EnumerateArray().Single(p => p.GetProperty("kind").GetString() == "order-shipped").GetProperty("sms").GetBoolean());
        Assert.False(saved.EnumerateArray().Single(p => p.GetProperty("kind").GetString() == "order-delivered").GetProperty("sms").GetBoolean());
    }

    [Fact]
    public async Task A_shipped_order_is_texted_once_however_often_the_outbox_runs_and_signed_receipts_are_recorded()
    {
        const string phone = "+919845012301";
        var (customer, _) = await ConfirmedPhoneClientAsync("shipped", phone);
        await TurnOnAsync(customer, "order-shipped");
        var (order, step, _) = await OrderAsync(customer);

        await step(new { status = "shipped", carrier = "Blue Dart", trackingNumber = "BD-SMS-1" });
        var texted = await twilio.WaitForAsync(phone, $"your order {order} is shipped");
        Assert.StartsWith($"Bazaar: your order {order} is shipped with Blue Dart, tracking BD-SMS-1. ", texted.Body);
        await OutboxDrainedAsync();

        // The order-update handler and the delivery run again, as after a crash before they were recorded as handled.
        await ExecuteAsync("""
            DELETE FROM platform.outbox_handled h USING platform.outbox_messages m
             WHERE h.message_id = m.id AND ((m.type LIKE '%.FulfillmentStatusChanged' AND h.handler LIKE '%OrderMessages%') OR m.type LIKE '%.TextMessageQueued');
            UPDATE platform.outbox_messages SET processed_at = NULL, attempts = 0, available_at = now()
             WHERE type LIKE '%.FulfillmentStatusChanged' OR type LIKE '%.TextMessageQueued';
            """);
        await OutboxDrainedAsync();
        await step(new { status = "delivered" });
        await app.WaitForMailAsync(await EmailOfAsync(customer), $"Delivered: your order {order}");
        await OutboxDrainedAsync();
        Assert.Equal([texted], twilio.Messages.Where(m => m.To == phone && m.Body.StartsWith("Bazaar: ", StringComparison.Ordinal)));
        Assert.Equal(1, await ScalarAsync<long>($"SELECT count(*) FROM notifications.text_messages WHERE recipient = '{phone}' AND kind = 'order-shipped'"));

        // Twilio reports the message's fate; a late "sent" does not undo "delivered".
        var shop = app.CreateClient();
        Assert.Equal(HttpStatusCode.NoContent, (await twilio.SendStatusAsync(shop, texted, "sent")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await twilio.SendStatusAsync(shop, texted, "delivered")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await twilio.SendStatusAsync(shop, texted, "sent")).StatusCode);
        Assert.Equal("delivered", await StatusOfAsync(texted.Sid));

        // A forged receipt is refused: a wrong signature, or one made for other fields; without any, the caller is unknown.
        var forged = FakeTwilio.Sign($"{PublicUrl}/api/v1/notifications/text-messages/status", new Dictionary<string, string> { ["MessageSid"] = texted.Sid, ["MessageStatus"] = "delivered" });
        Assert.Equal(HttpStatusCode.Forbidden, (await twilio.SendStatusAsync(shop, texted, "failed", "30003", signature: forged)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await twilio.SendStatusAsync(shop, texted, "failed", "30003", signature: "bm90IGEgc2lnbmF0dXJl")).StatusCode);
        var unsigned = await shop.PostAsync("/api/v1/notifications/text-messages/status",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["MessageSid"] = texted.Sid, ["MessageStatus"] = "failed" }));
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        Assert.Equal("delivered", await StatusOfAsync(texted.Sid));

        // Admins see it with its status.
        var (admin, _) = await app.SignedInClientAsync("admin", "admin");
        var listed = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/notifications/text-messages")).EnumerateArray()
            .Single(m => m.GetProperty("recipient").GetString() == phone && m.GetProperty("kind").GetString() == "order-shipped");
        Assert.Equal("delivered", listed.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await customer.GetAsync("/api/v1/admin/notifications/text-messages")).StatusCode);
    }

    [Fact]
    public async Task A_number_twilio_will_not_text_is_marked_refused_and_an_outage_is_retried()
    {
        const string phone = "+919845012302";
        var (customer, _) = await ConfirmedPhoneClientAsync("errors", phone);
        await TurnOnAsync(customer, "order-shipped", "order-delivered");
        var (order, step, _) = await OrderAsync(customer);

        twilio.FailNext(400, 21610, "Attempt to send to unsubscribed recipient");
        await step(new { status = "shipped", carrier = "Delhivery", trackingNumber = "DL-SMS-2" });
        await Eventually.TrueAsync(async () => await ScalarAsync<long>(
            $"SELECT count(*) FROM notifications.text_messages WHERE recipient = '{phone}' AND kind = 'order-shipped' AND status = 'refused' AND error_code = '21610'") == 1,
            "the shipped message to be marked refused");
        await OutboxDrainedAsync();
        Assert.Equal(0, await ScalarAsync<long>("SELECT count(*) FROM platform.outbox_messages WHERE dead_lettered_at IS NOT NULL"));

        twilio.FailNext(500, 20500, "Internal Server Error");
        await step(new { status = "delivered" });
        var delivered = await twilio.WaitForAsync(phone, $"your order {order} was delivered");
        await OutboxDrainedAsync();
        Assert.Contains(twilio.Refused, r => r.StartsWith("500 20500", StringComparison.Ordinal));
        Assert.Equal([delivered], twilio.Messages.Where(m => m.To == phone && m.Body.StartsWith("Bazaar: ", StringComparison.Ordinal)));
        Assert.Equal("queued", await StatusOfAsync(delivered.Sid));
    }

    [Fact]
    public async Task Out_for_delivery_is_a_step_between_shipped_and_delivered_and_is_texted_when_chosen()
    {
        const string phone = "+919845012303";
        var (customer, email) = await ConfirmedPhoneClientAsync("courier", phone);
        await TurnOnAsync(customer, "order-out-for-delivery");
        var (order, step, post) = await OrderAsync(customer);

        Assert.Equal(HttpStatusCode.Conflict, (await post(new { status = "outForDelivery" })).StatusCode);
        await step(new { status = "shipped", carrier = "Delhivery", trackingNumber = "DL-SMS-3" });
        await step(new { status = "outForDelivery" });
        var texted = await twilio.WaitForAsync(phone, $"your order {order} is out for delivery today with Delhivery");
        await app.WaitForMailAsync(email, $"Out for delivery today: your order {order}");
        var again = await post(new { status = "outForDelivery" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("out for delivery cannot become out for delivery", (await again.JsonAsync()).GetProperty("detail").GetString());
        await step(new { status = "delivered" });
        await OutboxDrainedAsync();
        // Shipped and delivered were not chosen by text: only the courier's day was.
        Assert.Equal([texted], twilio.Messages.Where(m => m.To == phone && m.Body.StartsWith("Bazaar: ", StringComparison.Ordinal)));
    }

    /// <summary>A signed-in customer whose account has <paramref name="phone"/> confirmed (a fresh session: confirming ends the old ones).</summary>
    private async Task<(HttpClient Client, string Email)> ConfirmedPhoneClientAsync(string who, string phone)
    {
        var (client, email) = await app.SignedInClientAsync(who);
        await CatalogClient.Expect(await client.PostAsJsonAsync("/api/v1/me/phone/code", new { phoneNumber = phone }), HttpStatusCode.Accepted);
        var code = await twilio.CodeSentToAsync(phone);
        await CatalogClient.Expect(await client.PostAsJsonAsync("/api/v1/me/phone/confirm", new { phoneNumber = phone, code }), HttpStatusCode.OK);
        return (app.BearerClient((await app.LoginAsync(email)).AccessToken), email);
    }

    private static async Task TurnOnAsync(HttpClient customer, params string[] kinds) =>
        await CatalogClient.Expect(await customer.PutAsJsonAsync("/api/v1/notifications/preferences",
            new { preferences = kinds.Select(kind => new { kind, email = true, inApp = true, sms = true }).ToArray() }), HttpStatusCode.OK);

    /// <summary>An order placed by <paramref name="customer"/>, its seller's step for its status, and that step's bare request.</summary>
    private async Task<(string Number, Func<object, Task> Step, Func<object, Task<HttpResponseMessage>> Post)> OrderAsync(HttpClient customer)
    {
        await app.EnsureShippingAsync();
        var catalog = await CatalogClient.CreateAsync(app);
        var category = await catalog.CategoryAsync("Texted");
        var product = await catalog.ProductAsync(CatalogClient.Unique("Brass Lamp"), category.GetProperty("id").GetString()!,
            [CatalogClient.Variant("SMS-" + Guid.NewGuid().ToString("N")[..8], 900m, stock: 5)]);
        await customer.AddToCartAsync(Guid.Parse(product.GetProperty("variants")[0].GetProperty("id").GetString()!));
        var number = (await CatalogClient.Expect(await customer.CheckoutAsync(email: null), HttpStatusCode.Created)).GetProperty("number").GetString()!;
        var fulfillmentId = (await catalog.Seller.GetFromJsonAsync<JsonElement>("/api/v1/seller/fulfillments")).GetProperty("items").EnumerateArray()
            .Single(f => f.GetProperty("orderNumber").GetString() == number).GetProperty("id").GetString();
        Task<HttpResponseMessage> Post(object body) => catalog.Seller.PostAsJsonAsync($"/api/v1/seller/fulfillments/{fulfillmentId}/status", body);
        return (number, async body => await CatalogClient.Expect(await Post(body), HttpStatusCode.OK), Post);
    }

    private static async Task<string> EmailOfAsync(HttpClient customer) =>
        (await customer.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("email").GetString()!;

    private static async Task ExpectFieldErrorAsync(HttpResponseMessage response, string field, string what)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"400 for {what}, got {(int)response.StatusCode}: {body}");
        Assert.True(JsonDocument.Parse(body).RootElement.GetProperty("errors").TryGetProperty(field, out _), $"a {field} error for {what}: {body}");
    }

    private Task<string> StatusOfAsync(string sid) => ScalarAsync<string>($"SELECT status FROM notifications.text_messages WHERE provider_id = '{sid}'");

    private Task OutboxDrainedAsync() => Eventually.TrueAsync(
        async () => await ScalarAsync<long>("SELECT count(*) FROM platform.outbox_messages WHERE processed_at IS NULL AND dead_lettered_at IS NULL") == 0,
        "every outbox message to be handled");

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.ExecuteAsync(sql);
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        return (await connection.QuerySingleAsync<T>(sql))!;
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Npgsql;
using Shop.Testing;

namespace Shop.Tests.Notifications;

/// <summary>
/// Web push end to end: a browser's subscription kept for its user, order updates pushed through the
/// outbox to a push service that verifies the VAPID signature and decrypts the payload, once per fact and
/// device, per-kind choices honoured, expired subscriptions forgotten, and every bad subscription refused.
/// </summary>
public sealed class WebPushTests : IAsyncLifetime
{
    private const string Devices = "/api/v1/notifications/push/devices";
    private FakePushService pushService = null!;
    private ShopAppFactory app = null!;

    public async Task InitializeAsync()
    {
        pushService = await FakePushService.StartAsync();
        app = await new ShopAppFactory().WithSettings(("Notifications:PushServiceHosts:0", "127.0.0.1"), ("Store:SupportEmail", "care@bazaar.example")).StartAsync();
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        await pushService.DisposeAsync();
    }

    [Fact]
    public async Task Order_updates_reach_each_device_once_signed_and_encrypted_and_an_expired_device_is_forgotten()
    {
        await app.EnsureShippingAsync();
        var catalog = await CatalogClient.CreateAsync(app);
        var category = await catalog.CategoryAsync("Pushed");
        var product = await catalog.ProductAsync(CatalogClient.Unique("Brass Lamp"), category.GetProperty("id").GetString()!,
            [CatalogClient.Variant("PSH-" + Guid.NewGuid().ToString("N")[..8], 900m, stock: 5)]);
        var variantId = Guid.Parse(product.GetProperty("variants")[0].GetProperty("id").GetString()!);
        var (customer, email) = await app.SignedInClientAsync("pushed");
        var (admin, _) = await app.SignedInClientAsync("admin", "admin");

        var key = (await customer.GetFromJsonAsync<JsonElement>("/api/v1/notifications/push/key")).GetProperty("publicKey").GetString()!;
        Assert.Equal(65, Convert.FromBase64String(key.Replace('-', '+').Replace('_', '/') + "=").Length);
        var phone = pushService.Subscribe(key);
        var laptop = pushService.Subscribe(key);
        customer.DefaultRequestHeaders.UserAgent.ParseAdd("Mozilla/5.0 (Linux; Android 14) Chrome/131.0 Mobile Safari/537.36");
        await CatalogClient.Expect(await customer.PostAsJsonAsync(Devices, phone), HttpStatusCode.Created);
        await CatalogClient.Expect(await customer.PostAsJsonAsync(Devices, laptop), HttpStatusCode.Created);
        var listed = await customer.GetFromJsonAsync<JsonElement>(Devices);
        Assert.Equal(["Chrome on Android", "Chrome on Android"], listed.EnumerateArray().Select(d => d.GetProperty("device").GetString()));

        await customer.AddToCartAsync(variantId);
        var order = await CatalogClient.Expect(await customer.CheckoutAsync(email: null), HttpStatusCode.Created);
        var (orderId, number) = (order.GetProperty("id").GetString()!, order.GetProperty("number").GetString()!);
        var fulfillmentId = (await catalog.Seller.GetFromJsonAsync<JsonElement>("/api/v1/seller/fulfillments")).GetProperty("items").EnumerateArray()
            .Single(f => f.GetProperty("orderNumber").GetString() == number).GetProperty("id").GetString();
        async Task Step(object body) => await CatalogClient.Expect(await catalog.Seller.PostAsJsonAsync($"/api/v1/seller/fulfillments/{fulfillmentId}/status", body), HttpStatusCode.OK);

        await Step(new { status = "shipped", carrier = "Blue Dart", trackingNumber = "BD-PUSH-1" });
        var shipped = await PushesAsync($"Your order {number} is shipped", 2);
        Assert.Equal(new[] { FakePushService.IdOf(laptop), FakePushService.IdOf(phone) }.Order(), shipped.Select(p => p.Id).Order());
        Assert.All(shipped, p => Assert.Equal(($"/orders/{orderId}", "order-shipped", "mailto:care@bazaar.example"),
            (p.Payload.GetProperty("url").GetString(), p.Payload.GetProperty("tag").GetString(), p.Subject)));
        Assert.All(shipped, p => Assert.False(string.IsNullOrWhiteSpace(p.Payload.GetProperty("body").GetString())));
        Assert.Empty(pushService.Refused);

        // The laptop's subscription expired at its push service: the next push finds it gone, and the shop forgets it.
        pushService.Expire(FakePushService.IdOf(laptop));
        await Step(new { status = "delivered" });
        Assert.Equal(FakePushService.IdOf(phone), Assert.Single(await PushesAsync($"Delivered: your order {number}", 1)).Id);
        await Eventually.TrueAsync(async () => (await customer.GetFromJsonAsync<JsonElement>(Devices)).GetArrayLength() == 1, "the expired device to be forgotten");

        // Push is a choice even for an essential kind: refunds now come by email only.
        await CatalogClient.Expect(await customer.PutAsJsonAsync("/api/v1/notifications/preferences",
            new { preferences = new[] { new { kind = "refund-issued", email = true, inApp = true, push = false } } }), HttpStatusCode.OK);
        await CatalogClient.Expect(await customer.PostAsJsonAsync($"/api/v1/orders/{orderId}/return", new { reason = "Too small" }), HttpStatusCode.OK);
        await CatalogClient.Expect(await admin.PostAsJsonAsync($"/api/v1/admin/orders/{orderId}/actions", new { action = "acceptReturn" }), HttpStatusCode.OK);
        await CatalogClient.Expect(await admin.PostAsJsonAsync($"/api/v1/admin/orders/{orderId}/actions", new { action = "markRefunded" }), HttpStatusCode.OK);
        await app.WaitForMailAsync(email, $"Refund of ₹900.00 issued for order {number}");
        await OutboxDrainedAsync();
        Assert.DoesNotContain(pushService.Delivered, p => p.Payload.GetProperty("title").GetString()!.StartsWith("Refund"));

        // Each fact reached each device once, whatever the outbox retried; what was queued for the forgotten laptop went with it.
        Assert.Equal(3, pushService.Delivered.Count);
        Assert.Equal(3, pushService.Delivered.Select(p => (p.Id, p.Payload.GetProperty("title").GetString())).Distinct().Count());
        Assert.Equal(2, await ScalarAsync<long>("SELECT count(*) FROM notifications.pushes WHERE sent_at IS NOT NULL"));
        Assert.Equal(0, await ScalarAsync<long>("SELECT count(*) FROM notifications.pushes WHERE sent_at IS NULL"));
    }

    [Fact]
    public async Task Bad_subscriptions_are_refused_with_field_errors_and_nobody_reaches_another_users_devices()
    {
        var (owner, _) = await app.SignedInClientAsync("owner");
        var (stranger, _) = await app.SignedInClientAsync("stranger");
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/v1/notifications/push/key")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsJsonAsync(Devices, new { })).StatusCode);
        var key = (await owner.GetFromJsonAsync<JsonElement>("/api/v1/notifications/push/key")).GetProperty("publicKey").GetString()!;
        var good = JsonSerializer.SerializeToElement(pushService.Subscribe(key));
        string P256dh() => good.GetProperty("keys").GetProperty("p256dh").GetString()!;
        string Auth() => good.GetProperty("keys").GetProperty("auth").GetString()!;
        var endpoint = good.GetProperty("endpoint").GetString()!;
        var notOnCurve = Convert.ToBase64String([0x04, .. new byte[64]]).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        foreach (var (body, field) in new (object Body, string Field)[]
        {
            (new { }, "Endpoint"),
            (new { endpoint = "https://push.attacker.example/steal", keys = new { p256dh = P256dh(), auth = Auth() } }, "Endpoint"),
            (new { endpoint = "http://169.254.169.254/latest/meta-data", keys = new { p256dh = P256dh(), auth = Auth() } }, "Endpoint"),
            (new { endpoint = "ftp://127.0.0.1/push/x", keys = new { p256dh = P256dh(), auth = Auth() } }, "Endpoint"),
            (new { endpoint = endpoint + "\0", keys = new { p256dh = P256dh(), auth = Auth() } }, "$.endpoint"),
            (new { endpoint = endpoint + new string('x', 1000), keys = new { p256dh = P256dh(), auth = Auth() } }, "Endpoint"),
            (new { endpoint, keys = new { p256dh = (string?)null, auth = Auth() } }, "Keys.P256dh"),
            (new { endpoint, keys = new { p256dh = "not base64url!", auth = Auth() } }, "Keys.P256dh"),
            (new { endpoint, keys = new { p256dh = notOnCurve, auth = Auth() } }, "Keys.P256dh"),
            (new { endpoint, keys = new { p256dh = P256dh(), auth = "c2hvcnQ" } }, "Keys.Auth"),
        })
        {
            var refused = await owner.PostAsJsonAsync(Devices, body);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var problem = await refused.JsonAsync();
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{field} error for {JsonSerializer.Serialize(body)}: {problem}");
        }
        Assert.Equal(0, (await owner.GetFromJsonAsync<JsonElement>(Devices)).GetArrayLength());

        var device = await CatalogClient.Expect(await owner.PostAsJsonAsync(Devices, good), HttpStatusCode.Created);
        var deviceId = device.GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.DeleteAsync($"{Devices}/{deviceId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.DeleteAsync($"{Devices}?endpoint={Uri.EscapeDataString(endpoint)}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.DeleteAsync($"{Devices}/not-a-guid")).StatusCode);
        Assert.Equal(1, (await owner.GetFromJsonAsync<JsonElement>(Devices)).GetArrayLength());
        Assert.Equal(0, (await stranger.GetFromJsonAsync<JsonElement>(Devices)).GetArrayLength());

        // The browser's user turns push off; the device is gone from the list.
        Assert.Equal(HttpStatusCode.NoContent, (await owner.DeleteAsync($"{Devices}?endpoint={Uri.EscapeDataString(endpoint)}")).StatusCode);
        Assert.Equal(0, (await owner.GetFromJsonAsync<JsonElement>(Devices)).GetArrayLength());
    }

    [Fact]
    public async Task The_key_pair_is_made_once_and_every_instance_signs_with_it()
    {
        var (client, _) = await app.SignedInClientAsync("keys");
        var first = (await client.GetFromJsonAsync<JsonElement>("/api/v1/notifications/push/key")).GetProperty("publicKey").GetString();
        await using var second = await new ShopAppFactory { SharedConnectionString = app.ConnectionString }.StartAsync();
        var other = second.CreateClient();
        other.DefaultRequestHeaders.Authorization = client.DefaultRequestHeaders.Authorization;
        Assert.Equal(first, (await other.GetFromJsonAsync<JsonElement>("/api/v1/notifications/push/key")).GetProperty("publicKey").GetString());
        var stored = await ScalarAsync<string>("SELECT private_key FROM notifications.push_keys");
        Assert.True(stored.Length > 60, "the private key is stored protected, not as its 43 base64url characters");
    }

    private async Task<List<(string Id, string Subject, JsonElement Payload)>> PushesAsync(string title, int count)
    {
        try
        {
            return (await Eventually.GetAsync(() => Task.FromResult(pushService.Delivered.Where(p => p.Payload.GetProperty("title").GetString() == title).ToList()),
                p => p.Count >= count, $"{count} pushes titled '{title}'"))!;
        }
        catch (Exception waited)
        {
            throw new InvalidOperationException($"{waited.Message} Refused: {string.Join("; ", pushService.Refused)}. Unhandled: {LastFailure()}", waited);
        }
    }

    private string LastFailure()
    {
        using var connection = new NpgsqlConnection(app.ConnectionString);
        return connection.ExecuteScalar<string>("SELECT string_agg(coalesce(last_error, '') || ' ' || type, ' | ') FROM platform.outbox_messages WHERE processed_at IS NULL") ?? "none";
    }

    private Task OutboxDrainedAsync() => Eventually.TrueAsync(
        async () => await ScalarAsync<long>("SELECT count(*) FROM platform.outbox_messages WHERE processed_at IS NULL AND dead_lettered_at IS NULL") == 0,
        "every outbox message to be handled");

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        return (await connection.ExecuteScalarAsync<T>(sql))!;
    }
}

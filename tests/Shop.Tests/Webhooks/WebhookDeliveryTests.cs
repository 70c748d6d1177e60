using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Http;
using Npgsql;
using Shop.Testing;

namespace Shop.Tests.Webhooks;

public sealed class WebhookDeliveryTests(WebhookShop app) : IClassFixture<WebhookShop>
{
    private string Url(string path) => app.Receiver.Url + path;

    [Fact]
    public async Task Deliveries_are_signed_as_documented_and_retried_after_errors_and_timeouts_until_they_succeed()
    {
        var catalog = await CatalogClient.CreateAsync(app);
        var path = $"/retry-{Guid.NewGuid():N}";
        app.Receiver.Answer = (p, n) => p != path ? Results.Ok()
            : n == 1 ? Results.StatusCode(500)
            : n == 2 ? Results.Text(new string('x', 3000), statusCode: 503)
            : n == 3 ? Slow()
            : Results.Text("thanks");
        var (endpointId, secret) = await catalog.Seller.RegisterAsync(Url(path), "product.updated");

        var product = await catalog.ProductForAsync(catalog.Seller, "Signed Shawl");

        var log = await catalog.Seller.WaitForDeliveriesAsync(endpointId, d => d.All("succeeded"), "the delivery to succeed on its fourth attempt");
        var delivery = log.EnumerateArray().Single();
        var attempts = delivery.GetProperty("attempts").EnumerateArray().OrderBy(a => a.GetProperty("number").GetInt32()).ToList();
        Assert.Equal([500, 503, 0, 200], attempts.Select(a => a.TryGetProperty("statusCode", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetInt32() : 0));
        Assert.Equal(1024, attempts[1].GetProperty("responseExcerpt").GetString()!.Length);
        Assert.StartsWith("No answer within 1 s", attempts[2].GetProperty("error").GetString());
        Assert.Equal("thanks", attempts[3].GetProperty("responseExcerpt").GetString());
        Assert.True(attempts[3].GetProperty("succeeded").GetBoolean());
        Assert.All(attempts, a => Assert.True(a.GetProperty("latencyMs").GetInt32() >= 0));

        var received = app.Receiver.At(path);
        Assert.Equal(4, received.Count);
        Assert.All(received, r => Assert.True(WebhookReceiver.Verify(secret, r, TimeSpan.FromMinutes(5)), "the signature verifies"));
        Assert.False(WebhookReceiver.Verify(secret + "x", received[0], TimeSpan.FromMinutes(5)));
        Assert.False(WebhookReceiver.Verify(secret, received[0] with { Body = received[0].Body.Replace("Signed", "Forged") }, TimeSpan.FromMinutes(5)));
        var body = JsonDocument.Parse(received[^1].Body).RootElement;
        Assert.Equal("product.updated", body.GetProperty("type").GetString());
        Assert.Equal(received[^1].Id, body.GetProperty("id").GetString());
        Assert.All(received, r => Assert.Equal(received[0].Id, r.Id));
        Assert.True(body.TryGetProperty("timestamp", out _));
        Assert.Equal(product.GetProperty("id").GetString(), body.GetProperty("data").GetProperty("productId").GetString());
        Assert.Equal("active", body.GetProperty("data").GetProperty("status").GetString());
    }

    private static IResult Slow() => Results.Extensions.Delayed(TimeSpan.FromSeconds(3));

    [Fact]
    public async Task A_delivery_is_dead_lettered_after_its_last_try_the_endpoint_disables_itself_and_replays_and_resume_send_again()
    {
        var catalog = await CatalogClient.CreateAsync(app);
        var path = $"/down-{Guid.NewGuid():N}";
        var up = false;
        app.Receiver.Answer = (p, _) => p == path && !up ? Results.StatusCode(500) : Results.Ok();
        var (endpointId, _) = await catalog.Seller.RegisterAsync(Url(path), "product.updated");

        await catalog.ProductForAsync(catalog.Seller, "Lost Lamp");
        var first = await catalog.Seller.WaitForDeliveriesAsync(endpointId, d => d.All("deadLettered"), "the first delivery given up");
        Assert.Equal(4, first[0].GetProperty("attemptCount").GetInt32());
        Assert.Equal("active", (await catalog.Seller.GetFromJsonAsync<JsonElement>($"/api/v1/webhooks/{endpointId}")).GetProperty("status").GetString());

        await catalog.ProductForAsync(catalog.Seller, "Lost Rug");
        await catalog.Seller.WaitForDeliveriesAsync(endpointId, d => d.GetArrayLength() == 2 && d.All("deadLettered"), "the second delivery given up");
        var endpoint = await catalog.Seller.GetFromJsonAsync<JsonElement>($"/api/v1/webhooks/{endpointId}");
        Assert.Equal("disabled", endpoint.GetProperty("status").GetString());
        Assert.Contains("2 deliveries in a row", endpoint.GetProperty("disabledReason").GetString());
        await using (var connection = new NpgsqlConnection(app.ConnectionString))
        {
            var published = await connection.QuerySingleAsync<string>("""
                SELECT payload::text FROM platform.outbox_messages
                 WHERE type = 'webhooks.webhook-endpoint-disabled' AND payload->>'endpointId' = @endpointId
                """, new { endpointId });
            var disabled = JsonDocument.Parse(published).RootElement;
            Assert.Equal(endpointId, disabled.GetProperty("endpointId").GetString());
            Assert.Equal(Url(path), disabled.GetProperty("url").GetString());
            Assert.Equal((await catalog.Seller.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("id").GetGuid(), disabled.GetProperty("ownerId").GetGuid());
        }
        var ownerMail = await Eventually.GetAsync(() => Task.FromResult(app.Mail().LastOrDefault(m => m.Subject == "Your webhook endpoint was turned off" && m.Text.Contains(Url(path)))),
            m => m is not null, "the owner to be told by email");
        Assert.Contains($"/seller/webhooks/{endpointId}", ownerMail!.Text);
        Assert.Contains((await catalog.Seller.GetFromJsonAsync<JsonElement>("/api/v1/notifications")).GetProperty("items").EnumerateArray(),
            n => n.GetProperty("kind").GetString() == "webhook-disabled" && n.GetProperty("link").GetString() == $"/seller/webhooks/{endpointId}");

        // A disabled endpoint gets no new deliveries; a replay waits until it is resumed.
        var unheard = (await catalog.ProductForAsync(catalog.Seller, "Unheard Vase")).GetProperty("id").GetString()!;
        await WhenHandledAsync(unheard, "the vase's events handled while the endpoint is disabled");
        up = true;
        var deadId = first[0].GetProperty("id").GetString()!;
        var replay = await CatalogClient.Expect(await catalog.Seller.PostAsync($"/api/v1/webhooks/deliveries/{deadId}/replay", null), HttpStatusCode.Accepted);
        Assert.Equal(deadId, replay.GetProperty("replayOf").GetString());
        Assert.Equal("pending", replay.GetProperty("status").GetString());
        await CatalogClient.Expect(await catalog.Seller.PostAsync($"/api/v1/webhooks/{endpointId}/resume", null), HttpStatusCode.OK);

        var after = await catalog.Seller.WaitForDeliveriesAsync(endpointId,
            d => d.EnumerateArray().Any(x => x.GetProperty("status").GetString() == "succeeded"), "the replay sent after resuming");
        Assert.Equal(3, after.GetArrayLength());
        var sent = after.EnumerateArray().Single(x => x.GetProperty("status").GetString() == "succeeded");
        Assert.Equal(deadId, sent.GetProperty("replayOf").GetString());
        Assert.Equal(first[0].GetProperty("body").GetString(), sent.GetProperty("body").GetString());
        Assert.Equal("active", (await catalog.Seller.GetFromJsonAsync<JsonElement>($"/api/v1/webhooks/{endpointId}")).GetProperty("status").GetString());
    }

    // Resuming must come after the outbox has dealt with every event about the product, or one of
    // them could still be turned into a delivery for the endpoint once it is active again.
    private Task WhenHandledAsync(string productId, string what) =>
        Eventually.TrueAsync(async () =>
        {
            await using var connection = new NpgsqlConnection(app.ConnectionString);
            var (all, pending) = await connection.QuerySingleAsync<(long, long)>("""
                SELECT count(*), count(*) FILTER (WHERE processed_at IS NULL AND dead_lettered_at IS NULL)
                  FROM platform.outbox_messages WHERE payload::text LIKE '%' || @productId || '%'
                """, new { productId });
            return all > 0 && pending == 0;
        }, what);

    [Fact]
    public async Task A_paused_endpoint_keeps_its_deliveries_until_it_resumes()
    {
        var catalog = await CatalogClient.CreateAsync(app);
        var (pausedPath, livePath) = ($"/paused-{Guid.NewGuid():N}", $"/live-{Guid.NewGuid():N}");
        var (pausedId, _) = await catalog.Seller.RegisterAsync(Url(pausedPath), "product.updated");
        var (liveId, _) = await catalog.Seller.RegisterAsync(Url(livePath), "product.updated");
        var paused = await CatalogClient.Expect(await catalog.Seller.PostAsync($"/api/v1/webhooks/{pausedId}/pause", null), HttpStatusCode.OK);
        Assert.Equal("paused", paused.GetProperty("status").GetString());

        await catalog.ProductForAsync(catalog.Seller, "Patient Pot");
        await catalog.Seller.WaitForDeliveriesAsync(liveId, d => d.All("succeeded"), "the active endpoint's delivery");
        Assert.True((await catalog.Seller.DeliveriesAsync(pausedId)).All("pending"));
        Assert.Empty(app.Receiver.At(pausedPath));

        await CatalogClient.Expect(await catalog.Seller.PostAsync($"/api/v1/webhooks/{pausedId}/resume", null), HttpStatusCode.OK);
        await catalog.Seller.WaitForDeliveriesAsync(pausedId, d => d.All("succeeded"), "the held delivery after resuming");
        Assert.Single(app.Receiver.At(pausedPath));
    }

    [Fact]
    public async Task Redirects_are_not_followed()
    {
        var catalog = await CatalogClient.CreateAsync(app);
        var (path, target) = ($"/moved-{Guid.NewGuid():N}", $"/target-{Guid.NewGuid():N}");
        app.Receiver.Answer = (p, _) => p == path ? Results.Redirect(Url(target), permanent: false, preserveMethod: true) : Results.Ok();
        var (endpointId, _) = await catalog.Seller.RegisterAsync(Url(path), "product.updated");

        await catalog.ProductForAsync(catalog.Seller, "Moved Mat");

        var log = await catalog.Seller.WaitForDeliveriesAsync(endpointId, d => d.All("deadLettered"), "the redirected delivery given up");
        var attempt = log[0].GetProperty("attempts")[0];
        Assert.Equal(307, attempt.GetProperty("statusCode").GetInt32());
        Assert.Contains("redirects are not followed", attempt.GetProperty("error").GetString());
        Assert.Empty(app.Receiver.At(target));
    }

    [Fact]
    public async Task Endpoints_are_managed_through_the_api_with_field_errors_and_owners_only()
    {
        var catalog = await CatalogClient.CreateAsync(app);
        var bad = await catalog.Seller.PostAsJsonAsync("/api/v1/webhooks", new { url = "not a url", events = new[] { "order.placed", "order.exploded" } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.JsonAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("Url", out _));
        Assert.Contains("order.exploded", errors.GetProperty("Events")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await catalog.Seller.PostAsJsonAsync("/api/v1/webhooks", new { url = Url("/x"), events = Array.Empty<string>() })).StatusCode);

        var created = await CatalogClient.Expect(await catalog.Seller.PostAsJsonAsync("/api/v1/webhooks",
            new { url = Url("/mine"), events = new[] { "stock.low", "order.placed" }, description = "ERP" }), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString()!;
        Assert.StartsWith("whsec_", created.GetProperty("secret").GetString());
        Assert.Equal(["order.placed", "stock.low"], created.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        var fetched = await catalog.Seller.GetFromJsonAsync<JsonElement>($"/api/v1/webhooks/{id}");
        Assert.False(fetched.TryGetProperty("secret", out _));
        Assert.False((await catalog.Seller.GetFromJsonAsync<JsonElement>("/api/v1/webhooks"))[0].TryGetProperty("secret", out _));

        var updated = await CatalogClient.Expect(await catalog.Seller.PutAsJsonAsync($"/api/v1/webhooks/{id}", new { url = Url("/moved"), events = new[] { "order.paid" } }), HttpStatusCode.OK);
        Assert.Equal(Url("/moved"), updated.GetProperty("url").GetString());
        var rotated = await CatalogClient.Expect(await catalog.Seller.PostAsync($"/api/v1/webhooks/{id}/rotate-secret", null), HttpStatusCode.OK);
        Assert.NotEqual(created.GetProperty("secret").GetString(), rotated.GetProperty("secret").GetString());

        var other = await catalog.AnotherSellerAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/webhooks/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/webhooks/{id}/deliveries")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/api/v1/webhooks/{id}/pause", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.DeleteAsync($"/api/v1/webhooks/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await catalog.Admin.GetAsync($"/api/v1/webhooks/{id}")).StatusCode);
        Assert.Empty(await other.GetFromJsonAsync<JsonElement[]>("/api/v1/webhooks") ?? []);
        var (customer, _) = await app.SignedInClientAsync("buyer");
        Assert.Equal(HttpStatusCode.Forbidden, (await customer.GetAsync("/api/v1/webhooks")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await catalog.Seller.DeleteAsync($"/api/v1/webhooks/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await catalog.Seller.GetAsync($"/api/v1/webhooks/{id}")).StatusCode);
    }
}

internal static class DelayedResult
{
    /// <summary>An answer that comes after <paramref name="delay"/>: longer than the shop waits.</summary>
    public static IResult Delayed(this IResultExtensions _, TimeSpan delay) => new Delay(delay);

    private sealed class Delay(TimeSpan delay) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            try
            {
                await Task.Delay(delay, httpContext.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            httpContext.Response.StatusCode = 200;
        }
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Shop.Testing;
using Shop.Web.Modules.Analytics.Activity;
using Shop.Web.Modules.Analytics.Rollups;
using Shop.Web.Modules.Payments.Attempts;
using Shop.Web.Modules.Payments.Providers;
using Shop.Web.Modules.Payments.Sandbox;
using Shop.Web.Platform.Commands;
using Shop.Web.Platform.Outbox;

namespace Shop.Tests.Analytics;

/// <summary>
/// The dashboards' figures come from rollups kept by outbox handlers; here they are held against a
/// recount from the order tables after real orders were placed, paid, cancelled, returned and
/// refunded, again after every event was delivered a second time, and again after a rebuild.
/// </summary>
public sealed class AnalyticsTests(ShopAppFactory app) : IClassFixture<ShopAppFactory>
{
    private const string AllOfThisWeek = "period=7d&compare=none";

    private sealed record World(HttpClient Admin, HttpClient SellerA, HttpClient SellerB, Guid SellerAId, Guid SellerBId, Guid BookVariant, Guid LampVariant,
        Guid BookId, Guid LampId, Guid DeliveredOrder);

    [Fact]
    public async Task Figures_from_rollups_equal_a_recount_of_the_orders_after_redelivery_and_after_a_rebuild()
    {
        var w = await WorldAsync();
        await DrainedOutboxAsync();
        await app.Services.GetRequiredService<ActivityBuffer>().FlushAsync(CancellationToken.None);

        var before = await SnapshotAsync(w.Admin);
        await AssertEqualsRecountAsync(w);

        // Every event the rollups heard of, delivered again: each was recorded as handled with its effects, so nothing moves.
        await using (var connection = new NpgsqlConnection(app.ConnectionString))
        {
            var messages = (await connection.QueryAsync<(Guid Id, string Type, string Payload)>("""
                SELECT id, type, payload::text FROM platform.outbox_messages
                 WHERE type IN ('ordering.order-placed', 'ordering.order-status-changed',
                                'payments.refund-issued')
                """)).ToList();
            Assert.True(messages.Count >= 10, $"only {messages.Count} order events");
            var delivery = app.Services.GetRequiredService<OutboxDelivery>();
            foreach (var message in messages)
                await delivery.DeliverAsync(new ClaimedMessage(message.Id, message.Type, message.Payload, 2), CancellationToken.None);
            var handled = await connection.ExecuteScalarAsync<int>(
                "SELECT count(*) FROM platform.outbox_handled WHERE handler = @handler AND message_id = ANY(@ids)",
                new { handler = typeof(OrderRollups).FullName, ids = messages.Select(m => m.Id).ToArray() });
            Assert.Equal(messages.Count, handled);
        }
        Assert.Equal(before, await SnapshotAsync(w.Admin));

        // The rebuild recounts from the orders and refunds alone and reaches the same figures.
        var output = new StringWriter();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var command = scope.ServiceProvider.GetServices<IShopCommand>().Single(c => c.Name == "analytics");
            await command.RunAsync(["rebuild"], output, CancellationToken.None);
        }
        Assert.Contains("100%", output.ToString());
        Assert.Equal(before, await SnapshotAsync(w.Admin));
        await AssertEqualsRecountAsync(w);
    }

    [Fact]
    public async Task A_seller_sees_only_its_own_figures()
    {
        var w = await WorldAsync();
        await DrainedOutboxAsync();
        await using var connection = new NpgsqlConnection(app.ConnectionString);

        foreach (var (client, sellerId, own, foreign) in new[] { (w.SellerA, w.SellerAId, w.BookId, w.LampId), (w.SellerB, w.SellerBId, w.LampId, w.BookId) })
        {
            var summary = await client.GetFromJsonAsync<JsonElement>($"/api/v1/seller/analytics/summary?{AllOfThisWeek}");
            var recount = await connection.QuerySingleAsync<(decimal Gross, long Orders)>("""
                SELECT coalesce(sum(l.total), 0), count(DISTINCT o.id) FROM ordering.orders o JOIN ordering.order_lines l ON l.order_id = o.id
                 WHERE l.seller_id = @sellerId AND NOT EXISTS (SELECT 1 FROM ordering.order_events e WHERE e.order_id = o.id AND e.kind = 'cancelled')
                """, new { sellerId });
            Assert.Equal(recount.Gross, Value(summary, "grossSales"));
            Assert.Equal(recount.Orders, Value(summary, "orders"));
            Assert.Equal(JsonValueKind.Null, summary.GetProperty("newCustomers").ValueKind);

            var top = await client.GetFromJsonAsync<JsonElement>($"/api/v1/seller/analytics/top-products?{AllOfThisWeek}");
            var products = top.EnumerateArray().Select(p => p.GetProperty("productId").GetGuid()).ToList();
            Assert.Contains(own, products);
            Assert.DoesNotContain(foreign, products);

            var series = await client.GetFromJsonAsync<JsonElement>($"/api/v1/seller/analytics/series?{AllOfThisWeek}");
            Assert.Equal(recount.Gross, series.GetProperty("points").EnumerateArray().Sum(p => p.GetProperty("grossSales").GetDecimal()));
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/v1/admin/analytics/summary?{AllOfThisWeek}")).StatusCode);
        }
    }

    [Fact]
    public async Task Shopping_steps_and_searches_are_counted_in_batches()
    {
        var w = await WorldAsync();
        var buffer = app.Services.GetRequiredService<ActivityBuffer>();
        await buffer.FlushAsync(CancellationToken.None);
        var before = await w.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/analytics/funnel?{AllOfThisWeek}");

        var shopper = await app.GuestWithCartAsync(w.BookVariant);
        await shopper.AddToCartAsync(w.LampVariant);
        var book = await shopper.GetFromJsonAsync<JsonElement>($"/api/v1/catalog/products/{w.BookId}");
        Assert.Equal(HttpStatusCode.OK, (await shopper.GetAsync($"/p/{book.GetProperty("slug").GetString()}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await shopper.GetAsync("/checkout")).StatusCode);
        var word = book.GetProperty("title").GetString()!.Split(' ')[^1];
        // The listing index may take a moment to hold the new product; every try is a search.
        await Eventually.GetAsync(async () => await shopper.GetFromJsonAsync<JsonElement>($"/api/v1/catalog/products?q={word}"),
            r => r.GetProperty("total").GetInt32() == 1, "the book found by its word");
        await shopper.GetAsync($"/api/v1/catalog/products?q={word}&page=2");
        await shopper.GetAsync("/api/v1/catalog/products?q=Xqzjvw%20%20Pfoq");
        await buffer.FlushAsync(CancellationToken.None);

        var after = await w.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/analytics/funnel?{AllOfThisWeek}");
        long Step(JsonElement funnel, string name) => funnel.GetProperty(name).GetInt64();
        Assert.Equal(1, Step(after, "productViews") - Step(before, "productViews"));
        Assert.Equal(1, Step(after, "cartAdds") - Step(before, "cartAdds")); // two additions, one visitor
        Assert.Equal(1, Step(after, "checkoutsStarted") - Step(before, "checkoutsStarted"));

        var searches = await w.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/analytics/searches?{AllOfThisWeek}");
        var found = searches.GetProperty("top").EnumerateArray().Single(s => s.GetProperty("query").GetString() == word.ToLowerInvariant());
        Assert.Equal(1, found.GetProperty("lastResults").GetInt32());
        Assert.True(found.GetProperty("searches").GetInt32() >= 1);
        var nothing = searches.GetProperty("zeroResults").EnumerateArray().Single(s => s.GetProperty("query").GetString() == "xqzjvw pfoq");
        Assert.Equal(1, nothing.GetProperty("searches").GetInt32());
        Assert.Equal(1, nothing.GetProperty("zeroResultSearches").GetInt32());
        Assert.Equal(0, nothing.GetProperty("lastResults").GetInt32());

        var sellerSummary = await w.SellerA.GetFromJsonAsync<JsonElement>($"/api/v1/seller/analytics/summary?{AllOfThisWeek}");
        Assert.True(Value(sellerSummary, "productViews") >= 1);
    }

    [Theory]
    [InlineData("period=5y", "period")]
    [InlineData("period=custom", "from", "to")]
    [InlineData("period=custom&from=2026-02-30&to=2026-03-01", "from")]
    [InlineData("period=custom&from=2026-03-10&to=2026-03-01", "to")]
    [InlineData("period=custom&from=2020-01-01&to=2026-01-01", "to")]
    [InlineData("period=30d&compare=decade&bucket=hour", "compare", "bucket")]
    public async Task A_bad_period_is_refused_with_its_fields(string query, params string[] fields)
    {
        var (admin, _) = await app.SignedInClientAsync("admin", "admin");
        var (seller, _) = await app.SignedInClientAsync("seller", "seller");
        foreach (var (client, path) in new[] { (admin, "/api/v1/admin/analytics/summary"), (admin, "/api/v1/admin/analytics/searches"), (seller, "/api/v1/seller/analytics/series") })
        {
            var response = await client.GetAsync($"{path}?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var errors = (await response.JsonAsync()).GetProperty("errors");
            Assert.Equal(fields.Order(), errors.EnumerateObject().Select(e => e.Name).Order());
        }
        var tooMany = await admin.GetAsync("/api/v1/admin/analytics/top-products?limit=0");
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.True((await tooMany.JsonAsync()).GetProperty("errors").TryGetProperty("limit", out _));
    }

    [Fact]
    public async Task Periods_compare_and_bucket_as_asked()
    {
        var (admin, _) = await app.SignedInClientAsync("admin", "admin");
        var year = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/analytics/series?period=custom&from=2025-01-01&to=2025-12-31&compare=year");
        Assert.Equal("month", year.GetProperty("period").GetProperty("bucket").GetString());
        Assert.Equal(12, year.GetProperty("points").GetArrayLength());
        Assert.Equal("2024-01-01", year.GetProperty("period").GetProperty("comparison").GetProperty("from").GetString());
        var weeks = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/analytics/series?period=custom&from=2025-03-01&to=2025-04-30");
        Assert.Equal("week", weeks.GetProperty("period").GetProperty("bucket").GetString());
        Assert.Equal("2025-03-01", weeks.GetProperty("points")[0].GetProperty("start").GetString());
        Assert.Equal("2025-03-03", weeks.GetProperty("points")[1].GetProperty("start").GetString());
        Assert.Equal("2024-12-30", weeks.GetProperty("period").GetProperty("comparison").GetProperty("from").GetString());
        var today = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/analytics/summary?period=today&compare=none");
        Assert.Equal(JsonValueKind.Null, today.GetProperty("grossSales").GetProperty("change").ValueKind);
    }

    /// <summary>
    /// Two sellers; a paid order of both, a returning customer's paid order partly refunded, a cancelled
    /// order, and a delivered cash-on-delivery order that came back and was refunded by hand.
    /// </summary>
    private async Task<World> WorldAsync()
    {
        await app.EnsureShippingAsync();
        var (admin, _) = await app.SignedInClientAsync("admin", "admin");
        var catalog = new CatalogClient(app, admin, (await app.SignedInClientAsync("seller", "seller")).Client);
        var (sellerB, sellerBEmail) = await app.SignedInClientAsync("seller", "seller");
        var sellerAId = (await catalog.Seller.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("id").GetGuid();
        var sellerBId = await app.UserIdAsync(sellerBEmail);
        var books = await catalog.CategoryAsync("Books");
        var lamps = await catalog.CategoryAsync("Lamps");
        var book = await catalog.ProductAsync(CatalogClient.Unique("Malgudi Days"), books.GetProperty("id").GetString()!, [CatalogClient.Variant("BK-" + Guid.NewGuid().ToString("N")[..6], 400m)]);
        var lamp = await catalog.ProductAsync(CatalogClient.Unique("Dhokra Lamp"), lamps.GetProperty("id").GetString()!, [CatalogClient.Variant("LP-" + Guid.NewGuid().ToString("N")[..6], 600m)], client: sellerB);
        Guid VariantOf(JsonElement product) => Guid.Parse(product.GetProperty("variants")[0].GetProperty("id").GetString()!);
        var (bookVariant, lampVariant) = (VariantOf(book), VariantOf(lamp));

        var regular = ApiClient.NewEmail("reader");
        var first = await app.GuestWithCartAsync(bookVariant, 2);
        await first.AddToCartAsync(lampVariant);
        await PaidOrderAsync(first, regular);
        var again = await app.GuestWithCartAsync(bookVariant);
        var second = await PaidOrderAsync(again, regular);
        await CatalogClient.Expect(await admin.PostAsJsonAsync($"/api/v1/admin/orders/{second}/refunds", new { amount = 150m, reason = "Dented cover" }), HttpStatusCode.OK);

        var cancelled = await CatalogClient.Expect(await (await app.GuestWithCartAsync(lampVariant)).CheckoutAsync(ApiClient.NewEmail("changed")), HttpStatusCode.Created);
        await CatalogClient.Expect(await admin.PostAsJsonAsync($"/api/v1/admin/orders/{cancelled.GetProperty("id").GetString()}/actions",
            new { action = "cancel", reason = "Ordered twice" }), HttpStatusCode.OK);

        var (customer, _) = await app.SignedInClientAsync("buyer");
        var delivered = await app.DeliverAsync(customer, sellerB, lampVariant);
        await CatalogClient.Expect(await customer.PostAsJsonAsync($"/api/v1/orders/{delivered}/return", new { reason = "Too dim" }), HttpStatusCode.OK);
        await CatalogClient.Expect(await admin.PostAsJsonAsync($"/api/v1/admin/orders/{delivered}/actions", new { action = "acceptReturn" }), HttpStatusCode.OK);
        await CatalogClient.Expect(await admin.PostAsJsonAsync($"/api/v1/admin/orders/{delivered}/actions", new { action = "markRefunded" }), HttpStatusCode.OK);

        return new World(admin, catalog.Seller, sellerB, sellerAId, sellerBId, bookVariant, lampVariant,
            book.GetProperty("id").GetGuid(), lamp.GetProperty("id").GetGuid(), delivered);
    }

    private async Task<Guid> PaidOrderAsync(HttpClient guest, string email)
    {
        var order = await CatalogClient.Expect(await guest.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/checkout")
        {
            Content = JsonContent.Create(new { email, shippingAddress = Shopper.Address, shippingMethod = "standard", paymentMethod = "sandbox" }),
        }), HttpStatusCode.Created);
        var access = Uri.EscapeDataString(order.GetProperty("accessToken").GetString()!);
        var orderId = order.GetProperty("id").GetGuid();
        var started = await CatalogClient.Expect(await guest.PostAsJsonAsync($"/api/v1/orders/{orderId}/payments?access={access}", new { method = "sandbox" }), HttpStatusCode.Created);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var payment = await scope.ServiceProvider.GetRequiredService<PaymentService>().FindAsync(started.GetProperty("paymentId").GetGuid());
            await app.Services.GetRequiredService<SandboxGateway>().SendCallbackAsync(payment!, ProviderOutcome.Succeeded, null);
        }
        await Eventually.TrueAsync(async () =>
        {
            await using var connection = new NpgsqlConnection(app.ConnectionString);
            return await connection.ExecuteScalarAsync<bool>("SELECT paid_at IS NOT NULL FROM ordering.orders WHERE id = @orderId", new { orderId });
        }, "the order paid");
        return orderId;
    }

    private async Task DrainedOutboxAsync() => await Eventually.TrueAsync(async () =>
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        return await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM platform.outbox_messages WHERE processed_at IS NULL AND dead_lettered_at IS NULL") == 0;
    }, "every event delivered");

    /// <summary>The figures as the dashboards read them, for comparing before and after.</summary>
    private static async Task<string> SnapshotAsync(HttpClient admin)
    {
        var parts = new List<string>();
        foreach (var figure in new[] { "summary", "series", "top-products", "sellers", "categories", "payment-methods", "statuses", "funnel" })
            parts.Add(await admin.GetStringAsync($"/api/v1/admin/analytics/{figure}?{AllOfThisWeek}"));
        return string.Join("\n", parts);
    }

    private static decimal Value(JsonElement summary, string figure) => summary.GetProperty(figure).GetProperty("value").GetDecimal();

    /// <summary>Every headline figure and breakdown against the same figure counted straight from the order, line, event and refund tables.</summary>
    private async Task AssertEqualsRecountAsync(World w)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        const string Facts = """
            WITH o AS (
                SELECT o.*, (SELECT min(created_at) FROM ordering.order_events e WHERE e.order_id = o.id AND e.kind = 'cancelled') AS cancelled_at,
                       EXISTS (SELECT 1 FROM ordering.order_events e WHERE e.order_id = o.id AND e.kind = 'returned') AS returned,
                       EXISTS (SELECT 1 FROM ordering.order_events e WHERE e.order_id = o.id AND e.kind = 'refunded') AS refunded_offline
                  FROM ordering.orders o)
            """;
        var recount = await connection.QuerySingleAsync<(decimal Gross, long Orders, long Units, decimal Refunds, long Customers, long Placed)>(Facts + """
            SELECT (SELECT coalesce(sum(l.total), 0) FROM o JOIN ordering.order_lines l ON l.order_id = o.id WHERE o.cancelled_at IS NULL),
                   (SELECT count(*) FROM o WHERE cancelled_at IS NULL),
                   (SELECT coalesce(sum(l.quantity), 0) FROM o JOIN ordering.order_lines l ON l.order_id = o.id WHERE o.cancelled_at IS NULL AND NOT o.returned),
                   (SELECT coalesce(sum(r.amount), 0) FROM payments.refunds r JOIN o ON o.id = r.order_id WHERE o.cancelled_at IS NULL)
                     + (SELECT coalesce(sum(total), 0) FROM o WHERE refunded_offline AND NOT EXISTS (SELECT 1 FROM payments.refunds r WHERE r.order_id = o.id)),
                   (SELECT count(DISTINCT coalesce(customer_id::text, 'guest:' || lower(email))) FROM o),
                   (SELECT count(*) FROM o)
            """);
        Assert.True(recount.Orders >= 3 && recount.Refunds > 150m, $"the world has {recount.Orders} orders and {recount.Refunds} refunded");

        var summary = await w.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/analytics/summary?{AllOfThisWeek}");
        Assert.Equal(recount.Gross, Value(summary, "grossSales"));
        Assert.Equal(recount.Orders, Value(summary, "orders"));
        Assert.Equal(recount.Units, Value(summary, "units"));
        Assert.Equal(recount.Refunds, Value(summary, "refunds"));
        Assert.Equal(recount.Gross - recount.Refunds, Value(summary, "netSales"));
        Assert.Equal(Math.Round(recount.Gross / recount.Orders, 2, MidpointRounding.AwayFromZero), Value(summary, "averageOrderValue"));
        Assert.Equal(recount.Customers, Value(summary, "newCustomers"));
        Assert.Equal(Math.Round((decimal)(recount.Placed - recount.Customers) / recount.Placed, 4, MidpointRounding.AwayFromZero), Value(summary, "returningCustomerRate"));

        var bySeller = (await connection.QueryAsync<(Guid Seller, decimal Gross, long Units)>(Facts + """
            SELECT l.seller_id, sum(l.total), sum(CASE WHEN o.returned THEN 0 ELSE l.quantity END)
              FROM o JOIN ordering.order_lines l ON l.order_id = o.id WHERE o.cancelled_at IS NULL GROUP BY l.seller_id
            """)).ToDictionary(s => s.Seller);
        var sellers = await w.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/analytics/sellers?{AllOfThisWeek}");
        Assert.Equal(bySeller.Count, sellers.GetArrayLength());
        foreach (var seller in sellers.EnumerateArray())
        {
            var expected = bySeller[seller.GetProperty("sellerId").GetGuid()];
            Assert.Equal(expected.Gross, seller.GetProperty("grossSales").GetDecimal());
            Assert.Equal(expected.Units, seller.GetProperty("units").GetInt64());
        }
        Assert.Equal(recount.Refunds, sellers.EnumerateArray().Sum(s => s.GetProperty("refunds").GetDecimal()));
        // The partial refund was of seller A's book alone; the returned lamp's refund (its total, shipping included) is seller B's.
        var deliveredTotal = await connection.ExecuteScalarAsync<decimal>("SELECT total FROM ordering.orders WHERE id = @id", new { id = w.DeliveredOrder });
        Assert.Equal(150m, sellers.EnumerateArray().Single(s => s.GetProperty("sellerId").GetGuid() == w.SellerAId).GetProperty("refunds").GetDecimal());
        Assert.Equal(deliveredTotal, sellers.EnumerateArray().Single(s => s.GetProperty("sellerId").GetGuid() == w.SellerBId).GetProperty("refunds").GetDecimal());

        var statuses = (await connection.QueryAsync<(string Status, long Orders)>("SELECT status, count(*) FROM ordering.orders GROUP BY status"))
            .ToDictionary(s => s.Status.Replace("_", ""), s => s.Orders);
        var statusFigures = (await w.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/analytics/statuses?{AllOfThisWeek}")).EnumerateArray()
            .ToDictionary(s => s.GetProperty("status").GetString()!.Replace("_", ""), s => s.GetProperty("orders").GetInt64());
        Assert.Equal(statuses.OrderBy(s => s.Key), statusFigures.OrderBy(s => s.Key));

        var methods = (await connection.QueryAsync<(string Method, long Orders)>(Facts + "SELECT payment_method, count(*) FROM o WHERE cancelled_at IS NULL GROUP BY payment_method"))
            .ToDictionary(m => m.Method, m => m.Orders);
        var methodFigures = (await w.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/analytics/payment-methods?{AllOfThisWeek}")).EnumerateArray()
            .ToDictionary(m => m.GetProperty("method").GetString()!, m => m.GetProperty("orders").GetInt64());
        Assert.Equal(methods.OrderBy(m => m.Key), methodFigures.OrderBy(m => m.Key));

        var categories = await w.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/analytics/categories?{AllOfThisWeek}");
        Assert.Equal(recount.Gross, categories.EnumerateArray().Sum(c => c.GetProperty("grossSales").GetDecimal()));
        var series = await w.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/analytics/series?{AllOfThisWeek}");
        Assert.Equal(7, series.GetProperty("points").GetArrayLength());
        Assert.Equal(recount.Gross - recount.Refunds, series.GetProperty("points").EnumerateArray().Sum(p => p.GetProperty("netSales").GetDecimal()));

        var funnel = await w.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/analytics/funnel?{AllOfThisWeek}");
        Assert.Equal(recount.Placed, funnel.GetProperty("ordered").GetInt64());
    }
}

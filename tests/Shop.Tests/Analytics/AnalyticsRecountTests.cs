using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Shop.Testing;
using Shop.Web.Modules.Payments.Attempts;
using Shop.Web.Modules.Payments.Providers;
using Shop.Web.Modules.Payments.Sandbox;
using Shop.Web.Platform.Commands;
using Shop.Web.Platform.Outbox;
using Shop.Web.Platform.Storefront;
using Xunit.Abstractions;

namespace Shop.Tests.Analytics;

/// <summary>
/// A random two weeks of trading through the real API (three sellers, returning customers and guests,
/// cash and online payments, failed attempts, cancellations before and after partial refunds, full and
/// partial refunds, shipments, returns refunded online and by hand), with the shop's clock moving on
/// between steps. Every figure of the admin dashboard and of each seller's must then equal a recount from
/// the orders themselves, again after half the events were delivered a second time, and after a rebuild.
/// The history comes from a seed (SHOP_ANALYTICS_SEED to try another), printed so a failure can be replayed.
/// </summary>
public sealed class AnalyticsRecountTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Steps = 150;
    private static readonly TimeSpan History = TimeSpan.FromDays(14);
    private readonly int seed = int.TryParse(Environment.GetEnvironmentVariable("SHOP_ANALYTICS_SEED"), out var chosen) ? chosen : 20261124;
    private readonly AdjustableClock clock = new();
    private ShopAppFactory app = null!;

    private sealed record Seller(Guid Id, HttpClient Client);

    private sealed record Product(Guid Id, Guid Variant, Guid Category, Seller Seller);

    /// <summary>An order as the test placed it; its status is read back from the shop when acting on it.</summary>
    private sealed class Placed(Guid id, string? access, HttpClient buyer, bool online)
    {
        public Guid Id => id;
        /// <summary>The query that opens a guest's order ("access=..."); empty for a signed-in customer's.</summary>
        public string Access => access is null ? "" : $"access={Uri.EscapeDataString(access)}";
        public HttpClient Buyer => buyer;
        public bool Online => online;
        public bool Paid { get; set; }
        public decimal Refunded { get; set; }
        public decimal Total { get; init; }
        public decimal Refundable => Paid ? Total - Refunded : 0;
    }

    public async Task InitializeAsync()
    {
        // In the past, so the outbox (which compares with the database's clock) delivers each event at once.
        clock.Advance(-History);
        app = await new ShopAppFactory { ConfigureTestServices = services => services.AddSingleton<TimeProvider>(clock) }
            .WithSettings(("ApiTokens:AccessTokenLifetime", "30.00:00:00")).StartAsync();
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Every_dashboard_figure_equals_a_recount_of_a_random_history()
    {
        output.WriteLine($"seed {seed} (SHOP_ANALYTICS_SEED)");
        var random = new Random(seed);
        var from = DayOf(clock.GetUtcNow());
        var (admin, sellers, products, parentOf) = await CatalogAsync();
        var customers = new List<HttpClient>();
        for (var i = 0; i < 3; i++)
            customers.Add((await app.SignedInClientAsync("regular")).Client);
        string[] guests = [ApiClient.NewEmail("guest"), ApiClient.NewEmail("guest"), ApiClient.NewEmail("guest")];
        var placed = new List<Placed>();

        for (var step = 0; step < Steps; step++)
        {
            if (placed.Count < 3 || random.NextDouble() < 0.3)
                placed.Add(await PlaceAsync(random, customers, guests, products));
            else
                await ActAsync(random, admin, sellers, placed[random.Next(placed.Count)]);
            var next = clock.GetUtcNow() + TimeSpan.FromMinutes(random.Next(20, 5 * 60));
            if (next < TimeProvider.System.GetUtcNow() - TimeSpan.FromMinutes(5))
                clock.Advance(next - clock.GetUtcNow());
        }
        var to = DayOf(clock.GetUtcNow());
        await DrainedOutboxAsync();

        var recount = await SalesRecount.ReadAsync(app.ConnectionString, DayOf);
        var history = (await StatusesAsync()).ToList();
        output.WriteLine($"{recount.OrderCount} orders from {from} to {to}: {string.Join(", ", history)}; {recount.CancelledCount} cancelled, {recount.RefundedByHandCount} refunded by hand");
        Assert.True(from.DayNumber + 7 < to.DayNumber, $"the history spans {from} to {to}");
        Assert.True(recount.CancelledCount > 0 && history.Count >= 5, "the history holds cancellations and orders at many steps");

        var period = $"period=custom&from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}&compare=none&bucket=day";
        var halfway = from.AddDays((to.DayNumber - from.DayNumber) / 2);
        var laterHalf = $"period=custom&from={halfway:yyyy-MM-dd}&to={to:yyyy-MM-dd}&compare=none&bucket=day";
        await AssertFiguresAsync(admin, sellers, recount, parentOf, from, to, period);
        await AssertFiguresAsync(admin, sellers, recount, parentOf, halfway, to, laterHalf);
        // Top products read whole months less the days outside the period where that is fewer rows: every start day.
        for (var start = from; start <= to; start = start.AddDays(1))
            AssertProducts(recount.ByProduct(start, to),
                await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/analytics/top-products?period=custom&from={start:yyyy-MM-dd}&to={to:yyyy-MM-dd}&compare=none&limit=100"));
        var before = await SnapshotAsync(admin, sellers, period);

        // The sellers' balances (on their dashboards) are read from totals the database keeps as entries are posted.
        await using (var connection = new NpgsqlConnection(app.ConnectionString))
        {
            Assert.True(await connection.ExecuteScalarAsync<long>("SELECT count(DISTINCT kind) FROM ledger.entries") >= 3, "sales, commission and refunds posted");
            Assert.Equal(0, await connection.ExecuteScalarAsync<long>("""
                SELECT count(*) FROM (SELECT seller_id, kind, sum(amount) AS total FROM ledger.entries GROUP BY seller_id, kind) e
                  FULL JOIN ledger.seller_totals t USING (seller_id, kind) WHERE e.total IS DISTINCT FROM t.total
                """));
        }

        // Half the events the rollups heard of, delivered again (each was recorded as handled with its effects): nothing moves.
        var delivery = app.Services.GetRequiredService<OutboxDelivery>();
        await using (var connection = new NpgsqlConnection(app.ConnectionString))
        {
            var events = (await connection.QueryAsync<(Guid Id, string Type, string Payload)>("""
                SELECT id, type, payload::text FROM platform.outbox_messages
                 WHERE type IN ('ordering.order-placed', 'ordering.order-status-changed',
                                'payments.refund-issued')
                 ORDER BY id
                """)).ToList();
            foreach (var message in events.Where(_ => random.Next(2) == 0).OrderBy(_ => random.Next()))
                await delivery.DeliverAsync(new ClaimedMessage(message.Id, message.Type, message.Payload, 2), CancellationToken.None);
        }
        Assert.Equal(before, await SnapshotAsync(admin, sellers, period));

        // The rebuild recounts from the orders and refunds alone and reaches the same figures.
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetServices<IShopCommand>().Single(c => c.Name == "analytics").RunAsync(["rebuild"], new StringWriter(), CancellationToken.None);
        Assert.Equal(before, await SnapshotAsync(admin, sellers, period));
        await AssertFiguresAsync(admin, sellers, recount, parentOf, from, to, period);
    }

    private async Task AssertFiguresAsync(HttpClient admin, IReadOnlyList<Seller> sellers, SalesRecount recount, IReadOnlyDictionary<Guid, Guid> parentOf,
        DateOnly from, DateOnly to, string period)
    {
        var all = recount.Of(from, to);
        var summary = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/analytics/summary?{period}");
        AssertSummary(all, summary);
        var placed = recount.OrdersPlaced(from, to);
        var newCustomers = recount.NewCustomers(from, to);
        Assert.Equal(newCustomers, Value(summary, "newCustomers"));
        Assert.Equal(placed == 0 ? 0 : Math.Round((decimal)(placed - newCustomers) / placed, 4, MidpointRounding.AwayFromZero), Value(summary, "returningCustomerRate"));
        await AssertSeriesAsync(admin, "/api/v1/admin/analytics/series", period, recount, from, to, null);
        AssertProducts(recount.ByProduct(from, to), await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/analytics/top-products?{period}&limit=100"));

        var bySeller = recount.BySeller(from, to);
        var sellerFigures = (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/analytics/sellers?{period}&limit=100")).EnumerateArray().ToList();
        Assert.Equal(bySeller.Keys.Order(), sellerFigures.Select(s => s.GetProperty("sellerId").GetGuid()).Order());
        foreach (var figure in sellerFigures)
            AssertSales(bySeller[figure.GetProperty("sellerId").GetGuid()], figure);

        var byCategory = recount.ByCategory(from, to, category => parentOf[category!.Value]);
        var categories = (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/analytics/categories?{period}")).EnumerateArray().ToList();
        Assert.Equal(byCategory.Keys.Order(), categories.Select(c => c.GetProperty("categoryId").GetGuid()).Order());
        foreach (var category in categories)
        {
            var expected = byCategory[category.GetProperty("categoryId").GetGuid()];
            Assert.Equal((expected.Gross, expected.Refunds, expected.Net, expected.Units),
                (category.GetProperty("grossSales").GetDecimal(), category.GetProperty("refunds").GetDecimal(), category.GetProperty("netSales").GetDecimal(),
                    category.GetProperty("units").GetInt64()));
        }

        var methods = (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/analytics/payment-methods?{period}")).EnumerateArray()
            .ToDictionary(m => m.GetProperty("method").GetString()!, m => (m.GetProperty("orders").GetInt64(), m.GetProperty("grossSales").GetDecimal()));
        Assert.Equal(recount.ByPaymentMethod(from, to).OrderBy(m => m.Key), methods.Where(m => m.Value.Item1 != 0).OrderBy(m => m.Key));
        var statuses = (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/analytics/statuses?{period}")).EnumerateArray()
            .ToDictionary(s => s.GetProperty("status").GetString()!.Replace("_", ""), s => s.GetProperty("orders").GetInt64());
        Assert.Equal(recount.ByStatus(from, to).OrderBy(s => s.Key), statuses.Where(s => s.Value != 0).OrderBy(s => s.Key));

        foreach (var seller in sellers)
        {
            AssertSummary(recount.Of(from, to, seller.Id), await seller.Client.GetFromJsonAsync<JsonElement>($"/api/v1/seller/analytics/summary?{period}"));
            await AssertSeriesAsync(seller.Client, "/api/v1/seller/analytics/series", period, recount, from, to, seller.Id);
            AssertProducts(recount.ByProduct(from, to, seller.Id), await seller.Client.GetFromJsonAsync<JsonElement>($"/api/v1/seller/analytics/top-products?{period}&limit=100"));
        }
    }

    private static void AssertSummary(SalesRecount.Sales expected, JsonElement summary)
    {
        Assert.Equal(expected.Gross, Value(summary, "grossSales"));
        Assert.Equal(expected.Refunds, Value(summary, "refunds"));
        Assert.Equal(expected.Net, Value(summary, "netSales"));
        Assert.Equal(expected.Orders, Value(summary, "orders"));
        Assert.Equal(expected.Units, Value(summary, "units"));
        Assert.Equal(expected.Orders == 0 ? 0 : Math.Round(expected.Gross / expected.Orders, 2, MidpointRounding.AwayFromZero), Value(summary, "averageOrderValue"));
    }

    private static async Task AssertSeriesAsync(HttpClient client, string path, string period, SalesRecount recount, DateOnly from, DateOnly to, Guid? sellerId)
    {
        var points = (await client.GetFromJsonAsync<JsonElement>($"{path}?{period}")).GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(to.DayNumber - from.DayNumber + 1, points.Count);
        foreach (var point in points)
        {
            var day = DateOnly.Parse(point.GetProperty("start").GetString()!);
            var expected = recount.Of(day, day, sellerId);
            Assert.Equal((day, expected.Gross, expected.Net, expected.Orders),
                (day, point.GetProperty("grossSales").GetDecimal(), point.GetProperty("netSales").GetDecimal(), point.GetProperty("orders").GetInt64()));
        }
    }

    private static void AssertProducts(IReadOnlyDictionary<Guid, SalesRecount.Sales> expected, JsonElement figures)
    {
        var shown = figures.EnumerateArray().Where(p => p.GetProperty("orders").GetInt32() != 0 || p.GetProperty("refunds").GetDecimal() != 0).ToList();
        Assert.Equal(expected.Keys.Order(), shown.Select(p => p.GetProperty("productId").GetGuid()).Order());
        foreach (var product in shown)
            AssertSales(expected[product.GetProperty("productId").GetGuid()], product);
    }

    private static void AssertSales(SalesRecount.Sales expected, JsonElement figure) =>
        Assert.Equal((expected.Gross, expected.Refunds, expected.Net, expected.Units, expected.Orders),
            (figure.GetProperty("grossSales").GetDecimal(), figure.GetProperty("refunds").GetDecimal(), figure.GetProperty("netSales").GetDecimal(),
                figure.GetProperty("units").GetInt64(), figure.GetProperty("orders").GetInt64()));

    /// <summary>Three sellers, five products in two top-level categories (one product in a subcategory), prices with odd paise.</summary>
    private async Task<(HttpClient Admin, IReadOnlyList<Seller> Sellers, IReadOnlyList<Product> Products, IReadOnlyDictionary<Guid, Guid> ParentOf)> CatalogAsync()
    {
        await app.EnsureShippingAsync();
        var catalog = await CatalogClient.CreateAsync(app);
        var sellers = new List<Seller>();
        foreach (var client in new[] { catalog.Seller, await catalog.AnotherSellerAsync(), await catalog.AnotherSellerAsync() })
            sellers.Add(new Seller((await client.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("id").GetGuid(), client));
        Guid Id(JsonElement element) => element.GetProperty("id").GetGuid();
        var books = Id(await catalog.CategoryAsync("Books"));
        var poetry = Id(await catalog.CategoryAsync("Poetry", books.ToString()));
        var lamps = Id(await catalog.CategoryAsync("Lamps"));
        var products = new List<Product>();
        foreach (var (seller, category, price) in new[] { (0, books, 349.50m), (0, poetry, 199.99m), (1, lamps, 1299.00m), (1, books, 455.25m), (2, lamps, 89.90m) })
        {
            var product = await catalog.ProductAsync(CatalogClient.Unique("Recount Good"), category.ToString(),
                [CatalogClient.Variant("RC-" + Guid.NewGuid().ToString("N")[..8], price, stock: 10_000)], client: sellers[seller].Client);
            products.Add(new Product(Id(product), product.GetProperty("variants")[0].GetProperty("id").GetGuid(), category, sellers[seller]));
        }
        return (catalog.Admin, sellers, products, new Dictionary<Guid, Guid> { [books] = books, [poetry] = books, [lamps] = lamps });
    }

    /// <summary>A new order of one to three products from a regular customer or a guest, paid on delivery or online (at once, after a declined try, or not yet).</summary>
    private async Task<Placed> PlaceAsync(Random random, List<HttpClient> customers, string[] guests, IReadOnlyList<Product> products)
    {
        var signedIn = random.Next(2) == 0;
        var chosen = products.OrderBy(_ => random.Next()).Take(random.Next(1, 4)).ToList();
        HttpClient buyer;
        if (signedIn)
        {
            buyer = customers[random.Next(customers.Count)];
            foreach (var product in chosen)
                await buyer.AddToCartAsync(product.Variant, random.Next(1, 4));
        }
        else
        {
            buyer = await app.GuestWithCartAsync(chosen[0].Variant, random.Next(1, 4));
            foreach (var product in chosen.Skip(1))
                await buyer.AddToCartAsync(product.Variant, random.Next(1, 4));
        }
        var online = random.Next(3) > 0;
        var order = await CatalogClient.Expect(await buyer.PostAsJsonAsync("/api/v1/checkout", new
        {
            email = signedIn ? null : guests[random.Next(guests.Length)], shippingAddress = Shopper.Address, shippingMethod = "standard",
            paymentMethod = online ? "sandbox" : "cod",
        }), HttpStatusCode.Created);
        var placed = new Placed(order.GetProperty("id").GetGuid(), order.GetProperty("accessToken").GetString(), buyer, online)
        {
            Total = order.GetProperty("total").GetDecimal(),
        };
        if (online)
        {
            if (random.Next(4) == 0)
                await PayAsync(placed, ProviderOutcome.Failed);
            if (random.Next(5) > 0)
                await PayAsync(placed, ProviderOutcome.Succeeded);
        }
        return placed;
    }

    /// <summary>One step someone could take on the order as it now stands.</summary>
    private async Task ActAsync(Random random, HttpClient admin, IReadOnlyList<Seller> sellers, Placed order)
    {
        var status = await StatusAsync(order.Id);
        var steps = new List<Func<Task>>();
        var shipments = await ShipmentsAsync(order.Id);
        if (status is "pendingpayment" or "paid" or "processing" && shipments.All(s => s.Status is "pending" or "processing" or "cancelled"))
        {
            steps.Add(() => random.Next(2) == 0
                ? Ok(admin.PostAsJsonAsync($"/api/v1/admin/orders/{order.Id}/actions", new { action = "cancel", reason = "Changed their mind" }))
                : Ok(order.Buyer.PostAsJsonAsync($"/api/v1/orders/{order.Id}/cancel?{order.Access}", new { reason = "Found it cheaper" })));
        }
        if (status == "pendingpayment" && order.Online && !order.Paid)
            steps.Add(() => PayAsync(order, ProviderOutcome.Succeeded));
        if (status is not ("cancelled" or "returnrequested" or "returned" or "refunded") && (!order.Online || order.Paid))
        {
            // Every seller with a part still to deliver takes its next step: processing, shipped, delivered.
            var open = shipments.Where(s => s.Status is "pending" or "processing" or "shipped").ToList();
            if (open.Count > 0)
                steps.AddRange(Enumerable.Repeat<Func<Task>>(async () =>
                {
                    foreach (var shipment in open)
                    {
                        object next = shipment.Status switch
                        {
                            "pending" => new { status = "processing" },
                            "processing" => new { status = "shipped", carrier = "Delhivery", trackingNumber = "DL" + shipment.Id.ToString("N")[..8] },
                            _ => new { status = "delivered" },
                        };
                        await Ok(sellers.Single(s => s.Id == shipment.SellerId).Client.PostAsJsonAsync($"/api/v1/seller/fulfillments/{shipment.Id}/status", next));
                    }
                }, 3));
        }
        if (status == "delivered")
            steps.AddRange(Enumerable.Repeat<Func<Task>>(() => Ok(order.Buyer.PostAsJsonAsync($"/api/v1/orders/{order.Id}/return?{order.Access}", new { reason = "Not as pictured" })), 2));
        if (status == "returnrequested")
            steps.Add(() => Ok(admin.PostAsJsonAsync($"/api/v1/admin/orders/{order.Id}/actions", new { action = "acceptReturn" })));
        if (status == "returned")
            steps.Add(async () =>
            {
                await Ok(admin.PostAsJsonAsync($"/api/v1/admin/orders/{order.Id}/actions", new { action = "markRefunded" }));
                order.Refunded = order.Total;
            });
        if (order.Refundable > 0)
        {
            // Part of it (a cancellation may follow), or all that is left (a return may follow, refunded by hand with nothing left to give).
            var amount = random.Next(2) == 0 ? Math.Round(order.Refundable * random.Next(10, 60) / 100m, 2) : order.Refundable;
            steps.Add(async () =>
            {
                await Ok(admin.PostAsJsonAsync($"/api/v1/admin/orders/{order.Id}/refunds", new { amount, reason = "Goodwill" }));
                order.Refunded += amount;
            });
        }
        if (steps.Count > 0)
            await steps[random.Next(steps.Count)]();
    }

    private async Task PayAsync(Placed order, ProviderOutcome outcome)
    {
        var started = await CatalogClient.Expect(await order.Buyer.PostAsJsonAsync($"/api/v1/orders/{order.Id}/payments?{order.Access}",
            new { method = "sandbox" }), HttpStatusCode.Created);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var payment = await scope.ServiceProvider.GetRequiredService<PaymentService>().FindAsync(started.GetProperty("paymentId").GetGuid());
            await app.Services.GetRequiredService<SandboxGateway>().SendCallbackAsync(payment!, outcome, outcome == ProviderOutcome.Failed ? "Card declined" : null);
        }
        if (outcome != ProviderOutcome.Succeeded)
            return;
        await Eventually.TrueAsync(async () =>
        {
            await using var connection = new NpgsqlConnection(app.ConnectionString);
            return await connection.ExecuteScalarAsync<bool>("SELECT paid_at IS NOT NULL FROM ordering.orders WHERE id = @id", new { id = order.Id });
        }, "the order paid");
        order.Paid = true;
    }

    /// <summary>Each seller's part of the order and where it stands.</summary>
    private async Task<List<(Guid Id, Guid SellerId, string Status)>> ShipmentsAsync(Guid orderId)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        return (await connection.QueryAsync<(Guid Id, Guid SellerId, string Status)>(
            "SELECT id, seller_id, status FROM ordering.fulfillments WHERE order_id = @orderId", new { orderId })).ToList();
    }

    private async Task<string> StatusAsync(Guid orderId)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        return await connection.ExecuteScalarAsync<string>("SELECT status FROM ordering.orders WHERE id = @orderId", new { orderId }) ?? "";
    }

    private async Task<IEnumerable<string>> StatusesAsync()
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        return await connection.QueryAsync<string>("SELECT status || ' ' || count(*) FROM ordering.orders GROUP BY status ORDER BY status");
    }

    private static async Task Ok(Task<HttpResponseMessage> response) => await CatalogClient.Expect(await response, HttpStatusCode.OK);

    private DateOnly DayOf(DateTimeOffset instant) => app.Services.GetRequiredService<IOptions<StorefrontSettings>>().Value.DayOf(instant);

    private async Task DrainedOutboxAsync() => await Eventually.TrueAsync(async () =>
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        return await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM platform.outbox_messages WHERE processed_at IS NULL AND dead_lettered_at IS NULL") == 0;
    }, "every event delivered");

    /// <summary>Every figure both dashboards read, for comparing before and after.</summary>
    private static async Task<string> SnapshotAsync(HttpClient admin, IReadOnlyList<Seller> sellers, string period)
    {
        var parts = new List<string>();
        foreach (var figure in new[] { "summary", "series", "top-products", "sellers", "categories", "payment-methods", "statuses" })
            parts.Add(await admin.GetStringAsync($"/api/v1/admin/analytics/{figure}?{period}"));
        foreach (var seller in sellers)
            foreach (var figure in new[] { "summary", "series", "top-products" })
                parts.Add(await seller.Client.GetStringAsync($"/api/v1/seller/analytics/{figure}?{period}"));
        return string.Join("\n", parts);
    }

    private static decimal Value(JsonElement summary, string figure) => summary.GetProperty(figure).GetProperty("value").GetDecimal();
}

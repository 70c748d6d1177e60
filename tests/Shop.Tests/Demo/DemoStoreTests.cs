using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Npgsql;
using Shop.Testing;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Modules.Ordering.Contracts;

namespace Shop.Tests.Demo;

/// <summary>The demo store as `./shop run` sets it up: accounts, catalog and the history that gives every page something true to show.</summary>
public sealed class DemoStore : IAsyncLifetime
{
    public const string Password = "Bazaar-Demo-2026";
    public const string Admin = "admin@bazaar.local";

    public string Database { get; private set; } = "";
    public string SetupOutput { get; private set; } = "";
    public ShopAppFactory App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestPostgres.CreateMigratedDatabaseAsync();
        // As ./shop run sets it up: with the sandbox offered, so there are orders paid online too.
        var setup = await ShopCommand.RunAsync(Database, "setup", "--Demo:Accounts=true", "--Demo:CatalogProducts=80",
            "--Payments:Sandbox:WebhookSecret=demo-store-secret", $"--FirstAdmin:Email={Admin}", $"--FirstAdmin:Password={Password}");
        Assert.True(setup.ExitCode == 0, setup.Output);
        SetupOutput = setup.Output;
        App = await new ShopAppFactory { SharedConnectionString = Database }.StartAsync();
    }

    public async Task DisposeAsync() => await App.DisposeAsync();

    public async Task<NpgsqlConnection> ConnectAsync()
    {
        var connection = new NpgsqlConnection(Database);
        await connection.OpenAsync();
        return connection;
    }

    public async Task<HttpClient> SignedInAsync(string email) => App.BearerClient((await App.LoginAsync(email, Password)).AccessToken);
}

public sealed class DemoStoreTests(DemoStore store) : IClassFixture<DemoStore>
{
    [Fact]
    public async Task The_history_has_orders_in_every_status_spread_over_half_a_year_each_step_dated_in_order()
    {
        await using var db = await store.ConnectAsync();
        var statuses = (await db.QueryAsync<string>("SELECT DISTINCT status FROM ordering.orders")).ToHashSet();
        Assert.Equal(Enum.GetNames<OrderStatus>().Select(s => s.ToLowerInvariant()).Order(), statuses.Order());
        var months = await db.ExecuteScalarAsync<int>("SELECT count(DISTINCT date_trunc('month', placed_at)) FROM ordering.orders");
        Assert.InRange(months, 6, 8);
        Assert.Equal(0, await db.ExecuteScalarAsync<int>("""
            SELECT count(*) FROM ordering.order_events e JOIN ordering.orders o ON o.id = e.order_id
             WHERE e.created_at < o.placed_at OR e.created_at > now()
            """));
        Assert.Equal(0, await db.ExecuteScalarAsync<int>("SELECT count(*) FROM ordering.orders WHERE customer_id IS NULL"));
        Assert.Equal(0, await db.ExecuteScalarAsync<int>("SELECT count(*) FROM platform.outbox_messages WHERE type = 'ordering.order-placed'"));
    }

    [Fact]
    public async Task Open_orders_hold_their_stock_and_some_variants_run_low()
    {
        await using var db = await store.ConnectAsync();
        var mismatched = await db.QueryAsync<Guid>("""
            SELECT s.variant_id FROM inventory.stock_items s
              LEFT JOIN (SELECT l.variant_id, sum(l.quantity) AS held FROM ordering.order_lines l JOIN ordering.orders o ON o.id = l.order_id
                          WHERE o.status IN ('pendingpayment', 'paid', 'processing') GROUP BY l.variant_id) h ON h.variant_id = s.variant_id
             WHERE s.reserved <> coalesce(h.held, 0) OR s.on_hand < s.reserved
            """);
        Assert.Empty(mismatched);

        var admin = await store.SignedInAsync(DemoStore.Admin);
        var low = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/stock?low=true");
        Assert.True(low.GetProperty("total").GetInt32() > 0);
    }

    [Fact]
    public async Task Reviews_come_from_shoppers_who_received_the_product_and_drive_ratings_and_the_rating_filter()
    {
        await using var db = await store.ConnectAsync();
        Assert.Equal(0, await db.ExecuteScalarAsync<int>("""
            SELECT count(*) FROM reviews.reviews r
             WHERE NOT EXISTS (SELECT 1 FROM ordering.orders o JOIN ordering.order_lines l ON l.order_id = o.id
                                 JOIN ordering.fulfillments f ON f.id = l.fulfillment_id
                                WHERE o.customer_id = r.customer_id AND l.product_id = r.product_id AND f.status = 'delivered' AND f.delivered_at <= r.created_at)
            """));
        var byStatus = (await db.QueryAsync<(string Status, int Count)>("SELECT status, count(*)::int FROM reviews.reviews GROUP BY status")).ToDictionary(r => r.Status, r => r.Count);
        Assert.True(byStatus.GetValueOrDefault("approved") > 20, "approved reviews");
        Assert.True(byStatus.GetValueOrDefault("pending") > 0, "reviews waiting for a moderator");
        var stars = (await db.QueryAsync<short>("SELECT DISTINCT rating FROM reviews.reviews")).ToList();
        Assert.True(stars.Count >= 4, $"ratings used: {string.Join(", ", stars)}");

        var shopper = store.App.CreateClient();
        var rated = await shopper.GetFromJsonAsync<JsonElement>("/api/v1/catalog/products?rating=4&pageSize=50");
        Assert.True(rated.GetProperty("total").GetInt32() > 0);
        Assert.All(rated.GetProperty("items").EnumerateArray(), p => Assert.True(p.GetProperty("averageRating").GetDecimal() >= 4));
        var best = (await shopper.GetFromJsonAsync<JsonElement>("/api/v1/catalog/products?sort=rating&pageSize=10")).GetProperty("items").EnumerateArray()
            .Select(p => p.GetProperty("averageRating").GetDecimal()).ToList();
        Assert.Equal(best.OrderDescending(), best);
        Assert.True(best[0] > 4);
    }

    [Fact]
    public async Task A_demo_shopper_signs_in_to_an_order_history_a_wishlist_and_a_saved_address()
    {
        var asha = await store.SignedInAsync(DemoShoppers.All[0].Email);

        var orders = await asha.GetFromJsonAsync<JsonElement>("/api/v1/orders");
        Assert.True(orders.GetProperty("total").GetInt32() > 0);
        var wishlist = await asha.GetFromJsonAsync<JsonElement>("/api/v1/wishlist");
        Assert.True(wishlist.GetArrayLength() > 0);
        var address = Assert.Single((await asha.GetFromJsonAsync<JsonElement>("/api/v1/me/addresses")).EnumerateArray());
        Assert.Equal(DemoShoppers.All[0].City, address.GetProperty("city").GetString());
    }

    [Fact]
    public async Task Best_sellers_and_the_dashboards_count_the_history()
    {
        await using var db = await store.ConnectAsync();
        Assert.Equal(await db.ExecuteScalarAsync<long>("SELECT sum(quantity) FROM ordering.order_lines"),
            await db.ExecuteScalarAsync<long>("SELECT sum(sold_count) FROM catalog.products"));
        Assert.True(await db.ExecuteScalarAsync<long>("SELECT count(*) FROM catalog.product_pairs") > 0);

        var admin = await store.SignedInAsync(DemoStore.Admin);
        var summary = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/analytics/summary?period=12m");
        Assert.True(summary.GetProperty("orders").GetProperty("value").GetDecimal() > 0);
        var statuses = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/analytics/statuses?period=12m");
        Assert.Equal(await db.ExecuteScalarAsync<long>("SELECT count(*) FROM ordering.orders"),
            statuses.EnumerateArray().Sum(s => s.GetProperty("orders").GetInt64()));
    }

    [Fact]
    public async Task Setting_up_again_adds_nothing()
    {
        await using var db = await store.ConnectAsync();
        const string counts = "SELECT (SELECT count(*) FROM ordering.orders) + (SELECT count(*) FROM reviews.reviews) * 1000000 + (SELECT count(*) FROM cart.wishlist_items) * 1000000000000";
        var before = await db.ExecuteScalarAsync<long>(counts);

        var again = await ShopCommand.RunAsync(store.Database, "setup", "--Demo:Accounts=true", "--Demo:CatalogProducts=80");

        Assert.Equal(0, again.ExitCode);
        Assert.DoesNotContain("Demo orders", again.Output);
        Assert.Equal(before, await db.ExecuteScalarAsync<long>(counts));
        Assert.Contains("Demo orders", store.SetupOutput);
    }
}

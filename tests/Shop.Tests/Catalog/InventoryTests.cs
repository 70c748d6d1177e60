using System.Net;
using System.Net.Http.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Shop.Testing;
using Shop.Web.Modules.Inventory.Contracts;
using Shop.Web.Platform.Database;

namespace Shop.Tests.Catalog;

public sealed class InventoryTests(ShopAppFactory app) : IClassFixture<ShopAppFactory>
{
    private async Task<(CatalogClient Catalog, Guid ProductId, Guid VariantId)> ProductWithStockAsync(int stock, string sku)
    {
        var catalog = await CatalogClient.CreateAsync(app);
        var category = await catalog.CategoryAsync("Stocked");
        var product = await catalog.ProductAsync("Stocked " + sku, category.GetProperty("id").GetString()!, [CatalogClient.Variant(sku, 100, stock: stock)]);
        return (catalog, Guid.Parse(product.GetProperty("id").GetString()!), Guid.Parse(product.GetProperty("variants")[0].GetProperty("id").GetString()!));
    }

    private async Task<bool> TryReserveAsync(Guid variantId, int quantity, string reference)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var inventory = scope.ServiceProvider.GetRequiredService<IInventory>();
        try
        {
            await scope.ServiceProvider.GetRequiredService<ShopDbContext>().InTransactionAsync(() => inventory.ReserveAsync([new StockLine(variantId, quantity)], reference));
            return true;
        }
        catch (InsufficientStockException)
        {
            return false;
        }
    }

    private async Task<T> ScalarAsync<T>(string sql, object parameters)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        return (await connection.ExecuteScalarAsync<T>(sql, parameters))!;
    }

    [Fact]
    public async Task Fifty_simultaneous_reservations_of_twenty_units_never_oversell()
    {
        var (_, _, variantId) = await ProductWithStockAsync(20, "RACE-20");

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() => TryReserveAsync(variantId, 1, $"order-{i}"))));

        Assert.Equal(20, outcomes.Count(ok => ok));
        Assert.Equal(30, outcomes.Count(ok => !ok));
        Assert.Equal(20, await ScalarAsync<int>("SELECT reserved FROM inventory.stock_items WHERE variant_id = @variantId", new { variantId }));
        Assert.Equal(20, await ScalarAsync<int>("SELECT count(*) FROM inventory.stock_movements WHERE variant_id = @variantId AND kind = 'reservation'", new { variantId }));
    }

    [Fact]
    public async Task A_multi_line_reservation_holds_all_or_nothing_and_release_returns_stock()
    {
        var (_, _, plenty) = await ProductWithStockAsync(10, "PLENTY-1");
        var (_, _, scarce) = await ProductWithStockAsync(1, "SCARCE-1");

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var inventory = scope.ServiceProvider.GetRequiredService<IInventory>();
            var refused = await Assert.ThrowsAsync<InsufficientStockException>(() => scope.ServiceProvider.GetRequiredService<ShopDbContext>()
                .InTransactionAsync(() => inventory.ReserveAsync([new StockLine(plenty, 2), new StockLine(scarce, 2)], "order-big")));
            Assert.Equal("Only 1 of SCARCE-1 left; 2 requested.", refused.Message);
        }
        Assert.Equal(0, await ScalarAsync<int>("SELECT reserved FROM inventory.stock_items WHERE variant_id = @plenty", new { plenty }));

        Assert.True(await TryReserveAsync(plenty, 3, "order-ok"));
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ShopDbContext>()
                .InTransactionAsync(() => scope.ServiceProvider.GetRequiredService<IInventory>().ReleaseAsync([new StockLine(plenty, 3)], "order-ok"));
        Assert.Equal(0, await ScalarAsync<int>("SELECT reserved FROM inventory.stock_items WHERE variant_id = @plenty", new { plenty }));
        Assert.Equal(["adjustment", "reservation", "release"], (await new NpgsqlConnection(app.ConnectionString).QueryAsync<string>(
            "SELECT kind FROM inventory.stock_movements WHERE variant_id = @plenty ORDER BY id", new { plenty })).ToList());
    }

    [Fact]
    public async Task Sellers_adjust_their_own_stock_with_a_reason_and_never_below_what_orders_hold()
    {
        var (catalog, _, variantId) = await ProductWithStockAsync(10, "ADJ-1");
        Assert.True(await TryReserveAsync(variantId, 4, "order-held"));

        var counted = await catalog.Seller.PostAsJsonAsync($"/api/v1/seller/stock/{variantId}/adjust", new { setTo = 6, reason = "Stock take" });
        var tooLow = await catalog.Seller.PostAsJsonAsync($"/api/v1/seller/stock/{variantId}/adjust", new { change = -3, reason = "Damaged" });
        var noReason = await catalog.Seller.PostAsJsonAsync($"/api/v1/seller/stock/{variantId}/adjust", new { change = 1 });
        var rival = await (await catalog.AnotherSellerAsync()).PostAsJsonAsync($"/api/v1/seller/stock/{variantId}/adjust", new { change = 100, reason = "Mine now" });

        Assert.Equal(2, (await counted.JsonAsync()).GetProperty("available").GetInt32());
        Assert.Equal(HttpStatusCode.Conflict, tooLow.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, rival.StatusCode);
        var history = await catalog.Seller.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/seller/stock/{variantId}/movements");
        var latest = history[0];
        Assert.Equal("Stock take", latest.GetProperty("reason").GetString());
        Assert.Equal(10, latest.GetProperty("onHandBefore").GetInt32());
        Assert.Equal(6, latest.GetProperty("onHandAfter").GetInt32());
        Assert.False(string.IsNullOrEmpty(latest.GetProperty("actorId").GetString()));
    }

    [Fact]
    public async Task Crossing_the_low_stock_threshold_announces_it_once_and_selling_out_updates_listings()
    {
        var (catalog, productId, variantId) = await ProductWithStockAsync(7, "LOW-1");

        Assert.True(await TryReserveAsync(variantId, 1, "o1")); // 6 left: above the threshold of 5
        Assert.True(await TryReserveAsync(variantId, 1, "o2")); // 5 left: crosses
        Assert.True(await TryReserveAsync(variantId, 1, "o3")); // 4 left: already low
        Assert.True(await TryReserveAsync(variantId, 4, "o4")); // sold out

        Assert.Equal(1, await ScalarAsync<int>(
            "SELECT count(*) FROM platform.outbox_messages WHERE type = 'inventory.stock-low' AND payload->>'variantId' = @id", new { id = variantId.ToString() }));
        await Eventually.TrueAsync(async () => !await ScalarAsync<bool>("SELECT in_stock FROM catalog.products WHERE id = @productId", new { productId }),
            "the listing to show the product as out of stock");
        var low = await catalog.Seller.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/seller/stock?low=true");
        Assert.Contains(low.GetProperty("items").EnumerateArray(), row => row.GetProperty("sku").GetString() == "LOW-1");
    }
}

using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Shop.Testing;
using Shop.Web.Modules.Catalog.Browse;

namespace Shop.Tests.Catalog;

/// <summary>Listings answered from the in-memory listing index agree with the same listings counted live in SQL.</summary>
public sealed class ListingIndexTests
{
    private static IEnumerable<string> Facts(JsonElement result)
    {
        yield return $"total={result.GetProperty("total")}";
        yield return "items=" + string.Join(",", result.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("slug").GetString()));
        foreach (var facet in result.GetProperty("facets").EnumerateObject())
        {
            var values = facet.Value.ValueKind switch
            {
                JsonValueKind.Array => facet.Value.EnumerateArray(),
                JsonValueKind.Object when facet.Name == "options" => facet.Value.EnumerateObject().SelectMany(o => o.Value.EnumerateArray()),
                _ => [facet.Value],
            };
            foreach (var value in values)
                yield return $"{facet.Name}:{value.GetProperty("value")}={value.GetProperty("count")}:{value.GetProperty("selected")}";
        }
    }

    [Fact]
    public async Task Indexed_listings_match_live_ones_for_filters_sorts_pages_and_searches_and_follow_changes()
    {
        await using var indexed = await new ShopAppFactory()
            .WithSettings(("Catalog:IndexedListingsFrom", "1"), ("Catalog:IndexedSearchesFrom", "1"), ("Catalog:ListingCacheSeconds", "0"),
                ("Catalog:IndexRefreshSeconds", "1")).StartAsync();
        await using var live = await new ShopAppFactory { SharedConnectionString = indexed.ConnectionString }
            .WithSettings(("Catalog:IndexedListingsFrom", "1000000"), ("Catalog:IndexedSearchesFrom", "1000000"), ("Catalog:ListingCacheSeconds", "0"),
                ("Outbox:DispatcherEnabled", "false")).StartAsync();
        var catalog = await CatalogClient.CreateAsync(indexed);
        var other = await catalog.AnotherSellerAsync();
        var home = await catalog.CategoryAsync("Home");
        var bath = await catalog.CategoryAsync("Bath", home.GetProperty("id").GetString());
        var kitchen = await catalog.CategoryAsync("Kitchen", home.GetProperty("id").GetString());
        var bathId = bath.GetProperty("id").GetString()!;
        await catalog.ProductAsync("Cotton Towel", bathId, [CatalogClient.Variant("TOWEL-W", 699, options: new { colour = "White", size = "Large" }), CatalogClient.Variant("TOWEL-B", 699, options: new { colour = "Blue", size = "Small" })], brand: "Spaces");
        await catalog.ProductAsync("Bath Mat", bathId, [CatalogClient.Variant("MAT-1", 449, stock: 0, options: new { colour = "Blue" })], brand: "Spaces");
        await catalog.ProductAsync("Bamboo Towel", bathId, [CatalogClient.Variant("BTOWEL-1", 699, options: new { colour = "White" })], brand: "Trident", client: other);
        await catalog.ProductAsync("Steel Kadai", kitchen.GetProperty("id").GetString()!, [CatalogClient.Variant("KADAI-1", 1899, options: new { size = "Large" })], brand: "Prestige");
        await catalog.ProductAsync("Copper Bottle", kitchen.GetProperty("id").GetString()!, [CatalogClient.Variant("BOTTLE-1", 2999)], brand: "Prestige", client: other);
        var home_ = $"category={home.GetProperty("slug").GetString()}";
        string[] queries =
        [
            home_, $"{home_}&sort=price-asc", $"{home_}&sort=price-desc&pageSize=2&page=2", $"{home_}&sort=best-selling", $"{home_}&sort=rating",
            $"{home_}&brand=Spaces&brand=Prestige", $"{home_}&minPrice=500&maxPrice=2500&inStock=true", $"{home_}&option=colour:White",
            $"{home_}&option=colour:White&option=size:Large&brand=Spaces", "q=towel", "q=towel&pageSize=1&page=2", "q=towel&sort=price-asc", "q=towel&option=colour:Blue",
            $"category={bath.GetProperty("slug").GetString()}&rating=1", "brand=Nobody",
        ];
        async Task<JsonElement> Get(ShopAppFactory app, string query) => await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/catalog/products?{query}");

        var index = indexed.Services.GetRequiredService<ListingIndex>();
        await Eventually.TrueAsync(() => Task.FromResult(index.Current?.Count == 5), "the listing index to load the five products");
        foreach (var query in queries)
            Assert.Equal(Facts(await Get(live, query)), Facts(await Get(indexed, query)));

        await catalog.ProductAsync("Hand Towel", bathId, [CatalogClient.Variant("HTOWEL-1", 299, options: new { colour = "White" })], brand: "Spaces");
        await Eventually.TrueAsync(() => Task.FromResult(index.Current?.Count == 6), "the index to follow the new product");
        var updated = await Get(indexed, home_);
        Assert.Contains("brands:Spaces=3:False", Facts(updated));
        Assert.Equal(Facts(await Get(live, "q=towel&sort=price-asc")), Facts(await Get(indexed, "q=towel&sort=price-asc")));
    }

    [Fact]
    public async Task Orders_reach_best_selling_listings_without_emptying_the_listing_cache()
    {
        await using var cached = await new ShopAppFactory().WithSettings(("Catalog:ListingCacheSeconds", "600")).StartAsync();
        await using var indexed = await new ShopAppFactory { SharedConnectionString = cached.ConnectionString }
            .WithSettings(("Catalog:IndexedListingsFrom", "1"), ("Catalog:ListingCacheSeconds", "0"), ("Catalog:IndexRefreshSeconds", "1"),
                ("Catalog:SalesRefreshSeconds", "2"), ("Outbox:DispatcherEnabled", "false")).StartAsync();
        await cached.EnsureShippingAsync();
        var catalog = await CatalogClient.CreateAsync(cached);
        var garden = await catalog.CategoryAsync(CatalogClient.Unique("Garden"));
        var categoryId = garden.GetProperty("id").GetString()!;
        var spade = await catalog.ProductAsync("Steel Spade", categoryId, [CatalogClient.Variant("SPADE-1", 899)]);
        var hose = await catalog.ProductAsync("Garden Hose", categoryId, [CatalogClient.Variant("HOSE-1", 899)]);
        var listing = $"/api/v1/catalog/products?category={garden.GetProperty("slug").GetString()}&sort=best-selling";
        async Task<List<string>> BestSelling(ShopAppFactory app) =>
            (await app.CreateClient().GetFromJsonAsync<JsonElement>(listing)).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()!).ToList();
        var index = indexed.Services.GetRequiredService<ListingIndex>();
        await Eventually.TrueAsync(() => Task.FromResult(index.Current?.RowOf.Count >= 2), "the listing index to load both products");
        var before = await BestSelling(cached);
        var unsold = before[1] == "Garden Hose" ? hose : spade;

        var variantId = unsold.GetProperty("variants")[0].GetProperty("id").GetGuid();
        var guest = await cached.GuestWithCartAsync(variantId, 3);
        await CatalogClient.Expect(await guest.CheckoutAsync(), System.Net.HttpStatusCode.Created);
        List<string> expected = [before[1], before[0]];

        // The listing index takes new sales counts in within its sales interval ...
        await Eventually.TrueAsync(async () => (await BestSelling(indexed)).SequenceEqual(expected), "the listing index to rank the sold product first");
        // ... while the order left every cached listing standing, which a product change still empties.
        Assert.Equal(before, await BestSelling(cached));
        await using (var connection = new Npgsql.NpgsqlConnection(cached.ConnectionString))
        {
            await connection.OpenAsync();
            await using var edit = new Npgsql.NpgsqlCommand("UPDATE catalog.products SET title = title || ' XL' WHERE id = @id", connection);
            edit.Parameters.AddWithValue("id", unsold.GetProperty("id").GetGuid());
            await edit.ExecuteNonQueryAsync();
        }
        await Eventually.TrueAsync(async () => (await BestSelling(cached)).Select(t => t.Replace(" XL", "")).SequenceEqual(expected), "the edit to empty the cache");
    }
}

using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Shop.Testing;
using Shop.Web.Modules.Catalog.Browse;

namespace Shop.Tests.Catalog;

/// <summary>The in-memory listing index answers every listing: filters, facet counts, sorts, pages and searches, and it follows changes.</summary>
public sealed class ListingIndexTests
{
    private static List<string> Titles(JsonElement result) => result.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()!).ToList();

    /// <summary>A facet's values as "value=count" ("value=count*" when selected), in the order given.</summary>
    private static List<string> Facet(JsonElement result, string name) => Values(result.GetProperty("facets").GetProperty(name));

    private static List<string> Option(JsonElement result, string name) => Values(result.GetProperty("facets").GetProperty("options").GetProperty(name));

    private static List<string> Values(JsonElement facet) => facet.EnumerateArray()
        .Select(v => $"{v.GetProperty("value").GetString()}={v.GetProperty("count").GetInt32()}{(v.GetProperty("selected").GetBoolean() ? "*" : "")}").ToList();

    [Fact]
    public async Task Listings_and_searches_are_filtered_counted_sorted_and_paged_by_the_index_and_show_a_change_at_once()
    {
        await using var app = await new ShopAppFactory().WithSettings(("Catalog:ListingCacheSeconds", "0")).StartAsync();
        var catalog = await CatalogClient.CreateAsync(app);
        var other = await catalog.AnotherSellerAsync();
        var home = await catalog.CategoryAsync(CatalogClient.Unique("Home"));
        var bath = await catalog.CategoryAsync(CatalogClient.Unique("Bath"), home.GetProperty("id").GetString());
        var kitchen = await catalog.CategoryAsync(CatalogClient.Unique("Kitchen"), home.GetProperty("id").GetString());
        var bathId = bath.GetProperty("id").GetString()!;
        await catalog.ProductAsync("Cotton Towel", bathId, [CatalogClient.Variant("TOWEL-W", 699, options: new { colour = "White", size = "Large" }), CatalogClient.Variant("TOWEL-B", 699, options: new { colour = "Blue", size = "Small" })], brand: "Spaces");
        await catalog.ProductAsync("Bath Mat", bathId, [CatalogClient.Variant("MAT-1", 449, stock: 0, options: new { colour = "Blue" })], brand: "Spaces");
        await catalog.ProductAsync("Bamboo Towel", bathId, [CatalogClient.Variant("BTOWEL-1", 699, options: new { colour = "White" })], brand: "Trident", client: other);
        await catalog.ProductAsync("Steel Kadai", kitchen.GetProperty("id").GetString()!, [CatalogClient.Variant("KADAI-1", 1899, options: new { size = "Large" })], brand: "Prestige");
        await catalog.ProductAsync("Copper Bottle", kitchen.GetProperty("id").GetString()!, [CatalogClient.Variant("BOTTLE-1", 2999)], brand: "Prestige", client: other);
        var home_ = $"category={home.GetProperty("slug").GetString()}";
        async Task<JsonElement> Get(string query) => await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/catalog/products?{query}");
        await Eventually.TrueAsync(async () => (await Get($"{home_}&inStock=true")).GetProperty("total").GetInt32() == 4, "the mat's stock to reach the listing");

        var all = await Get(home_);
        Assert.Equal(["Copper Bottle", "Steel Kadai", "Bamboo Towel", "Bath Mat", "Cotton Towel"], Titles(all));
        Assert.Equal([$"{bath.GetProperty("slug").GetString()}=3", $"{kitchen.GetProperty("slug").GetString()}=2"], Facet(all, "categories"));
        Assert.Equal(["Prestige=2", "Spaces=2", "Trident=1"], Facet(all, "brands"));
        Assert.Equal(4, all.GetProperty("facets").GetProperty("inStock").GetProperty("count").GetInt32());
        Assert.Equal(["Bath Mat", "Cotton Towel", "Bamboo Towel", "Steel Kadai", "Copper Bottle"], Titles(await Get($"{home_}&sort=price-asc")));
        Assert.Equal(["Cotton Towel", "Bamboo Towel"], Titles(await Get($"{home_}&sort=price-desc&pageSize=2&page=2")));

        var brands = await Get($"{home_}&brand=Spaces&brand=Prestige");
        Assert.Equal(4, brands.GetProperty("total").GetInt32());
        Assert.Equal(["Prestige=2*", "Spaces=2*", "Trident=1"], Facet(brands, "brands"));

        var priced = await Get($"{home_}&minPrice=500&maxPrice=2500&inStock=true");
        Assert.Equal(["Steel Kadai", "Bamboo Towel", "Cotton Towel"], Titles(priced));
        Assert.Equal(3, priced.GetProperty("facets").GetProperty("inStock").GetProperty("count").GetInt32());
        Assert.Equal(["0-500=0", "500-1000=2", "1000-2500=1", "2500-5000=1", "5000-10000=0", "10000-25000=0", "25000-=0"], Facet(priced, "prices"));

        var options = await Get($"{home_}&option=colour:White&option=size:Large&brand=Spaces");
        Assert.Equal(["Cotton Towel"], Titles(options));
        Assert.Equal(["colour:Blue=1", "colour:White=1*"], Option(options, "colour"));
        Assert.Equal(["size:Large=1*", "size:Small=1"], Option(options, "size"));
        Assert.Equal(["Spaces=1*"], Facet(options, "brands"));

        Assert.Equal(["Bamboo Towel", "Cotton Towel"], Titles(await Get("q=towel")).Order());
        Assert.Equal(["Cotton Towel"], Titles(await Get("q=towel&option=colour:Blue")));
        Assert.Equal(["Bamboo Towel"], Titles(await Get("q=towel&pageSize=1&page=2&sort=price-desc")));
        var rated = await Get($"category={bath.GetProperty("slug").GetString()}&rating=1");
        Assert.Equal(0, rated.GetProperty("total").GetInt32());
        Assert.Equal(["4=0", "3=0", "2=0", "1=0*"], Facet(rated, "ratings"));
        Assert.Equal(["Nobody=0*"], Facet(await Get("brand=Nobody"), "brands").Where(b => b.StartsWith("Nobody", StringComparison.Ordinal)));
        Assert.Equal(0, (await Get("category=nowhere-at-all")).GetProperty("total").GetInt32());

        // A small catalog's index is reloaded before the next listing, so a change shows at once.
        await catalog.ProductAsync("Hand Towel", bathId, [CatalogClient.Variant("HTOWEL-1", 299, options: new { colour = "White" })], brand: "Spaces");
        var updated = await Get(home_);
        Assert.Equal("Hand Towel", Titles(updated)[0]);
        Assert.Contains("Spaces=3", Facet(updated, "brands"));
        Assert.Equal(["Bamboo Towel", "Cotton Towel", "Hand Towel"], Titles(await Get("q=towel")).Order());
    }

    [Fact]
    public async Task A_big_catalogs_index_follows_a_change_in_the_background()
    {
        await using var app = await new ShopAppFactory()
            .WithSettings(("Catalog:ListingCacheSeconds", "0"), ("Catalog:SynchronousReloadBelow", "1"), ("Catalog:IndexRefreshSeconds", "1")).StartAsync();
        var catalog = await CatalogClient.CreateAsync(app);
        var shelf = await catalog.CategoryAsync(CatalogClient.Unique("Shelf"));
        var listing = $"/api/v1/catalog/products?category={shelf.GetProperty("slug").GetString()}";
        async Task<List<string>> Listed() => Titles(await app.CreateClient().GetFromJsonAsync<JsonElement>(listing));
        await catalog.ProductAsync("Teak Shelf", shelf.GetProperty("id").GetString()!, [CatalogClient.Variant("SHELF-1", 4999)]);
        await Eventually.TrueAsync(async () => (await Listed()).SequenceEqual(["Teak Shelf"]), "the index to list the first product");

        // Its snapshot now holds as many products as the setting calls big, so only the background reload can take the next one in.
        await catalog.ProductAsync("Pine Shelf", shelf.GetProperty("id").GetString()!, [CatalogClient.Variant("SHELF-2", 2999)]);
        await Eventually.TrueAsync(async () => (await Listed()).SequenceEqual(["Pine Shelf", "Teak Shelf"]), "the background reload to list the second product");
    }

    [Fact]
    public async Task Orders_reach_best_selling_listings_without_emptying_the_listing_cache()
    {
        await using var cached = await new ShopAppFactory().WithSettings(("Catalog:ListingCacheSeconds", "600")).StartAsync();
        await using var indexed = await new ShopAppFactory { SharedConnectionString = cached.ConnectionString }
            .WithSettings(("Catalog:ListingCacheSeconds", "0"), ("Catalog:IndexRefreshSeconds", "1"),
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

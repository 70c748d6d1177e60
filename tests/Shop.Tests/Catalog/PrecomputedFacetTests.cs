using System.Net.Http.Json;
using System.Text.Json;
using Shop.Testing;

namespace Shop.Tests.Catalog;

/// <summary>The pre-aggregated facet counts of big unfiltered listings agree with counting live.</summary>
public sealed class PrecomputedFacetTests
{
    private static IEnumerable<string> Facts(JsonElement result)
    {
        yield return $"total={result.GetProperty("total")}";
        foreach (var facet in result.GetProperty("facets").EnumerateObject())
        {
            var values = facet.Value.ValueKind switch
            {
                JsonValueKind.Array => facet.Value.EnumerateArray(),
                JsonValueKind.Object when facet.Name == "options" => facet.Value.EnumerateObject().SelectMany(o => o.Value.EnumerateArray()),
                _ => [facet.Value],
            };
            foreach (var value in values)
                yield return $"{facet.Name}:{value.GetProperty("value")}={value.GetProperty("count")}";
        }
    }

    [Fact]
    public async Task Precomputed_counts_match_live_counts_and_follow_changes()
    {
        await using var precomputed = await new ShopAppFactory()
            .WithSettings(("Catalog:PrecomputedFacetsFrom", "1"), ("Catalog:ListingCacheSeconds", "0"), ("Catalog:FacetRefreshSeconds", "1")).StartAsync();
        await using var live = await new ShopAppFactory { SharedConnectionString = precomputed.ConnectionString }
            .WithSettings(("Catalog:PrecomputedFacetsFrom", "1000000"), ("Catalog:ListingCacheSeconds", "0"), ("Outbox:DispatcherEnabled", "false")).StartAsync();
        var catalog = await CatalogClient.CreateAsync(precomputed);
        var home = await catalog.CategoryAsync("Home");
        var bath = await catalog.CategoryAsync("Bath", home.GetProperty("id").GetString());
        var kitchen = await catalog.CategoryAsync("Kitchen", home.GetProperty("id").GetString());
        await catalog.ProductAsync("Cotton Towel", bath.GetProperty("id").GetString()!, [CatalogClient.Variant("TOWEL-W", 699, options: new { colour = "White" }), CatalogClient.Variant("TOWEL-B", 699, options: new { colour = "Blue" })], brand: "Spaces");
        await catalog.ProductAsync("Bath Mat", bath.GetProperty("id").GetString()!, [CatalogClient.Variant("MAT-1", 449, stock: 0)], brand: "Spaces");
        await catalog.ProductAsync("Steel Kadai", kitchen.GetProperty("id").GetString()!, [CatalogClient.Variant("KADAI-1", 1899, options: new { size = "Large" })], brand: "Prestige");
        var url = $"/api/v1/catalog/products?category={home.GetProperty("slug").GetString()}";

        var fromCounts = await Eventually.GetAsync(async () => await precomputed.CreateClient().GetFromJsonAsync<JsonElement>(url),
            r => r.GetProperty("total").GetInt32() == 3, "the facet counts to be rebuilt");
        var counted = await live.CreateClient().GetFromJsonAsync<JsonElement>(url);

        Assert.Equal(Facts(counted).Order(), Facts(fromCounts).Order());
        Assert.Contains("categories:" + bath.GetProperty("slug").GetString() + "=2", Facts(fromCounts));

        await catalog.ProductAsync("Hand Towel", bath.GetProperty("id").GetString()!, [CatalogClient.Variant("HTOWEL-1", 299)], brand: "Spaces");
        var updated = await Eventually.GetAsync(async () => await precomputed.CreateClient().GetFromJsonAsync<JsonElement>(url),
            r => r.GetProperty("total").GetInt32() == 4, "the counts to follow the new product");
        Assert.Contains("brands:Spaces=3", Facts(updated));
    }
}

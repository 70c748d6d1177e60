using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Shop.Testing;

namespace Shop.ClusterTests;

/// <summary>Each instance keeps listings in memory for 30 s; a change anywhere must empty every instance's copy (PostgreSQL NOTIFY).</summary>
[Collection(ClusterCollection.Name)]
public sealed class CatalogCacheTests(ShopCluster cluster)
{
    private const string Listing = "/api/v1/catalog/products?pageSize=100&sort=newest";

    [Fact]
    public async Task A_catalog_change_empties_the_listing_cache_of_every_instance()
    {
        using var direct = new HttpClient();
        async Task<IReadOnlyList<string>> TitlesOnAsync(ShopProcess instance) =>
            (await direct.GetFromJsonAsync<JsonElement>(new Uri(instance.Address, Listing))).GetProperty("items").EnumerateArray()
                .Select(item => item.GetProperty("title").GetString()!).ToList();
        foreach (var instance in cluster.Instances)
            Assert.NotEmpty(await TitlesOnAsync(instance));
        var cached = await TitlesOnAsync(cluster.Instances[0]);
        var renamed = $"Renamed {Guid.NewGuid():N}"[..20];

        await using (var db = cluster.Database())
            await db.ExecuteAsync("UPDATE catalog.products SET title = @renamed WHERE title = @title", new { renamed, title = cached[0] });

        // Without the signal every instance would answer from its cache for another 30 s; the wait is far shorter.
        foreach (var instance in cluster.Instances)
            await Eventually.TrueAsync(async () => (await TitlesOnAsync(instance)).Contains(renamed), $"{instance.Name} to show the change", TimeSpan.FromSeconds(5));
    }
}

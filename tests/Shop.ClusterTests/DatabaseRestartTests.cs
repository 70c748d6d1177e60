using Dapper;
using Npgsql;
using Shop.Testing;
using Xunit.Abstractions;

namespace Shop.ClusterTests;

/// <summary>Two instances behind nginx on a PostgreSQL server of their own, which the test stops and starts again.</summary>
public sealed class OwnDatabaseCluster : ShopCluster
{
    public PostgresServer Server { get; private set; } = null!;

    protected override int InstanceCount => 2;

    protected override async Task<string> CreateDatabaseAsync()
    {
        Server = await PostgresServer.StartAsync();
        await using (var admin = new NpgsqlConnection(Server.AdminConnectionString))
            await admin.ExecuteAsync("CREATE DATABASE shop");
        return new NpgsqlConnectionStringBuilder(Server.AdminConnectionString) { Database = "shop", MaxPoolSize = 30 }.ConnectionString;
    }
}

public sealed class DatabaseRestartTests(OwnDatabaseCluster cluster, ITestOutputHelper output) : IClassFixture<OwnDatabaseCluster>
{
    [Fact]
    public async Task While_the_database_restarts_requests_fail_fast_with_503_and_the_instances_recover_by_themselves()
    {
        IReadOnlyList<Guid> variants;
        IReadOnlyList<string> slugs;
        StoreLedger before;
        await using (var db = cluster.Database())
        {
            (variants, slugs) = await StoreLedger.StockUpAsync(db, 6);
            before = await StoreLedger.ReadAsync(db, variants);
        }
        await using var load = new LoadGenerator(cluster, variants, slugs, shoppers: 4);
        await load.WaitForOrdersAsync(5, "orders before the restart");

        var stoppedAt = DateTime.UtcNow;
        await cluster.Server.StopAsync();
        await Eventually.TrueAsync(() => Task.FromResult(load.Exchanges.Count(e => e.At > stoppedAt && e.Status == 503) >= 20), "503 answers while the database is down");
        using var direct = new HttpClient();
        foreach (var instance in cluster.Instances)
            Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, (await direct.GetAsync(new Uri(instance.Address, "/health/ready"))).StatusCode);

        var startedAt = DateTime.UtcNow;
        await cluster.Server.StartAgainAsync();
        await Task.WhenAll(cluster.Instances.Select(i => i.WaitReadyAsync()));
        await load.WaitForOrdersAsync(load.Placed.Count + 10, "orders after the database returned");
        await Eventually.TrueAsync(() => Task.FromResult(cluster.Instances.All(i => load.Exchanges.Any(e => e.At > startedAt && e.Instance == i.Name && e.Succeeded))),
            "every instance to serve again", TimeSpan.FromSeconds(60));
        await load.StopAsync();

        var exchanges = load.Exchanges;
        var unavailable = exchanges.Where(e => e.Status == 503).ToList();
        output.WriteLine($"{exchanges.Count} requests, {load.Placed.Count} orders, {unavailable.Count} answered 503");
        Assert.All(exchanges, e => Assert.True(e.Status is 200 or 201 or 503, e.ToString()));
        Assert.All(unavailable, e => Assert.Equal(e.Path.StartsWith("/api/", StringComparison.Ordinal) ? "application/problem+json" : "text/html", e.ContentType));

        await using var after = cluster.Database();
        await cluster.WaitForOutboxAsync();
        await StoreLedger.AssertOneOrderPerKeyAsync(after, load.Placed, load.Keys);
        await StoreLedger.AssertConsistentAsync(after, before, load.Keys);
    }
}

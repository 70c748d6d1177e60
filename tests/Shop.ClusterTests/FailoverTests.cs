using Xunit.Abstractions;

namespace Shop.ClusterTests;

/// <summary>Losing an instance outright (kill -9) while shoppers browse and buy.</summary>
[Collection(ClusterCollection.Name)]
public sealed class FailoverTests(ShopCluster cluster, ITestOutputHelper output)
{
    [Fact]
    public async Task An_instance_killed_under_load_costs_at_most_its_requests_in_flight_and_rejoins_when_restarted()
    {
        await using var db = cluster.Database();
        var (variants, slugs) = await StoreLedger.StockUpAsync(db, 6);
        var before = await StoreLedger.ReadAsync(db, variants);
        var victim = cluster.Instances[1];

        await using var load = new LoadGenerator(cluster, variants, slugs, shoppers: 6);
        await load.WaitForOrdersAsync(10, "orders before the kill");
        victim.Kill();
        // Taken once the process has exited: an answer it sent just before dying may still arrive after the call to kill it.
        var killedAt = DateTime.UtcNow;
        var ordersAtKill = load.Placed.Count;
        await load.WaitForOrdersAsync(ordersAtKill + 20, "orders served by the remaining instances");
        var restartedAt = DateTime.UtcNow;
        await cluster.RestartAsync(victim);
        await Shop.Testing.Eventually.TrueAsync(
            () => Task.FromResult(load.Exchanges.Any(e => e.At > restartedAt && e.Instance == victim.Name && e.Succeeded)),
            $"{victim.Name} to take requests again", TimeSpan.FromSeconds(60));
        await load.StopAsync();

        var exchanges = load.Exchanges;
        var failed = exchanges.Where(e => !e.Succeeded).ToList();
        output.WriteLine($"{exchanges.Count} requests, {load.Placed.Count} orders; failed: {failed.Count} [{string.Join("; ", failed)}]");
        // Reads are retried on another instance by nginx; a write in flight on the dead instance is not (it may have run).
        Assert.True(failed.Count <= load.Shoppers, $"{failed.Count} failed: {string.Join("; ", failed)}");
        Assert.All(failed, e => Assert.Equal("POST", e.Method));
        var whileDown = exchanges.Where(e => e.At > killedAt && e.At < restartedAt).ToList();
        Assert.Contains(whileDown, e => e.Succeeded);
        Assert.DoesNotContain(whileDown, e => e.Instance == victim.Name);

        await cluster.WaitForOutboxAsync();
        await StoreLedger.AssertOneOrderPerKeyAsync(db, load.Placed, load.Keys);
        await StoreLedger.AssertConsistentAsync(db, before, load.Keys);
    }
}

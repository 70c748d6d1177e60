using System.Net;
using Shop.Testing;

namespace Shop.ClusterTests;

/// <summary>SIGTERM, as systemd and `./shop cluster stop` send it: unready first, serving through the drain, then a clean exit.</summary>
[Collection(ClusterCollection.Name)]
public sealed class GracefulShutdownTests(ShopCluster cluster)
{
    [Fact]
    public async Task A_stopping_instance_turns_unready_keeps_serving_while_it_drains_then_exits_cleanly()
    {
        await using var instance = cluster.ExtraInstance("shop-draining", ("Instance__DrainDelay", "00:00:05"));
        instance.Start();
        await instance.WaitReadyAsync();
        using var client = new HttpClient { BaseAddress = instance.Address };

        var stopping = instance.StopAsync();
        await Eventually.TrueAsync(async () => (await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.ServiceUnavailable, "readiness to fail");
        var served = await client.GetAsync("/api/v1/catalog/products?pageSize=1");
        await stopping;

        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(0, instance.ExitCode);
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("/health/live"));
    }
}

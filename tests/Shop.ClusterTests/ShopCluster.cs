using Dapper;
using Npgsql;
using Shop.Testing;

namespace Shop.ClusterTests;

/// <summary>
/// Several instances of the shop (real Release processes) sharing one database, behind a real nginx,
/// with a real Redis as the live-chat backplane between them.
/// The database gets the demo accounts and a small demo catalog from the app's own `setup` command.
/// </summary>
public class ShopCluster : IAsyncLifetime
{
    public const string DemoPassword = "Bazaar-Demo-2026";
    public const string MetricsToken = "cluster-test-metrics-token";

    private readonly string logDirectory = Directory.CreateTempSubdirectory("shop-cluster-logs-").FullName;

    public IReadOnlyList<ShopProcess> Instances { get; private set; } = [];

    public NginxProcess Nginx { get; private set; } = null!;

    public RedisProcess Redis { get; private set; } = null!;

    public string ConnectionString { get; private set; } = "";

    protected virtual int InstanceCount => 3;

    protected virtual Task<string> CreateDatabaseAsync() => TestPostgres.CreateMigratedDatabaseAsync();

    public async Task InitializeAsync()
    {
        ConnectionString = await CreateDatabaseAsync();
        Redis = await RedisProcess.StartAsync();
        await PostgresServer.RunAsync("dotnet", [Repository.WebDll, "setup"], Environment(), Repository.WebProjectDirectory);
        Instances = Enumerable.Range(1, InstanceCount)
            .Select(i => new ShopProcess($"shop-{i}", PostgresServer.FreePort(), Environment(), logDirectory)).ToList();
        foreach (var instance in Instances)
            instance.Start();
        await Task.WhenAll(Instances.Select(i => i.WaitReadyAsync()));
        Nginx = await NginxProcess.StartAsync(Instances.Select(i => i.Port));
    }

    /// <summary>A client of the load balancer that records every exchange; with cookies, it keeps a browser's cookie jar.</summary>
    public HttpClient Client(ResponseRecorder recorder, bool cookies = false)
    {
        HttpMessageHandler handler = recorder;
        if (cookies)
            handler = new CookieJar(recorder);
        return new HttpClient(handler) { BaseAddress = Nginx.Address, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>A connection of the test's own, unpooled: a pooled one could be a leftover from before a database restart.</summary>
    public NpgsqlConnection Database() => new(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);

    /// <summary>One more instance on the same database, not behind nginx, with some settings of its own.</summary>
    public ShopProcess ExtraInstance(string name, params (string Key, string Value)[] settings)
    {
        var environment = Environment();
        foreach (var (key, value) in settings)
            environment[key] = value;
        return new ShopProcess(name, PostgresServer.FreePort(), environment, logDirectory);
    }

    /// <summary>Starts a stopped or killed instance again on its port.</summary>
    public async Task RestartAsync(ShopProcess instance)
    {
        instance.Start();
        await instance.WaitReadyAsync();
    }

    /// <summary>Waits until every event the orders raised has been handled.</summary>
    public async Task WaitForOutboxAsync()
    {
        await using var db = Database();
        await Eventually.TrueAsync(async () => await db.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM platform.outbox_messages WHERE processed_at IS NULL AND dead_lettered_at IS NULL") == 0,
            "the outbox to be drained", TimeSpan.FromSeconds(60));
    }

    private Dictionary<string, string> Environment() => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["ConnectionStrings__Shop"] = ConnectionString,
        ["ConnectionStrings__Redis"] = Redis.ConnectionString,
        ["Demo__Accounts"] = "true",
        ["Demo__CatalogProducts"] = "24",
        ["FirstAdmin__Email"] = "admin@bazaar.local",
        ["FirstAdmin__Password"] = DemoPassword,
        ["Email__Delivery"] = "Pickup",
        ["Email__PickupDirectory"] = Path.Combine(logDirectory, "mail"),
        ["Metrics__BearerToken"] = MetricsToken,
        ["Instance__DrainDelay"] = "00:00:01",
        ["Outbox__PollInterval"] = "00:00:01",
        // Events leased by a killed instance are taken over once the lease ends: short here, so tests need not wait minutes.
        ["Outbox__LeaseDuration"] = "00:00:10",
        ["Outbox__RetryBaseDelay"] = "00:00:01",
        // Every request comes from loopback here; the per-address limits would measure the test, not the shop.
        ["RateLimits__ApiPermitsPerMinute"] = "1000000",
        ["RateLimits__AuthenticationPermitsPerMinute"] = "1000000",
        ["RateLimits__AccountAttemptsPerWindow"] = "1000000",
        ["Logging__LogLevel__Default"] = "Warning",
        ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
        ["Logging__LogLevel__Microsoft.AspNetCore.HttpLogging.HttpLoggingMiddleware"] = "Warning",
    };

    public async Task DisposeAsync()
    {
        if (Nginx is not null)
            await Nginx.DisposeAsync();
        foreach (var instance in Instances)
            await instance.DisposeAsync();
        if (Redis is not null)
            await Redis.DisposeAsync();
        Directory.Delete(logDirectory, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ShopCluster>
{
    public const string Name = "three instances behind nginx";
}

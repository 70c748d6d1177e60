using System.Collections.Concurrent;
using Dapper;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Shop.Testing;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Outbox;

namespace Shop.Tests.Platform;

[IntegrationEventName("tests.parcel-shipped")]
public sealed record ParcelShipped(string Key) : IIntegrationEvent;

/// <summary>Watches a handler from outside: calls per key, and whether two calls ever overlapped.</summary>
public sealed class HandlerProbe
{
    private readonly ConcurrentDictionary<string, int> calls = new();
    private readonly ConcurrentDictionary<string, byte> inFlight = new();
    private int overlaps;

    /// <summary>Runs inside the handler's transaction after its effect; throw to make the attempt fail.</summary>
    public Func<string, int, Task> AfterEffect { get; set; } = (_, _) => Task.CompletedTask;

    public int Overlaps => overlaps;

    public int CallsFor(string key) => calls.GetValueOrDefault(key);

    public async Task RunAsync(string key, Func<Task> effect)
    {
        var call = calls.AddOrUpdate(key, 1, (_, n) => n + 1);
        if (!inFlight.TryAdd(key, 0))
            Interlocked.Increment(ref overlaps);
        try
        {
            await effect();
            await AfterEffect(key, call);
        }
        finally
        {
            inFlight.TryRemove(key, out _);
        }
    }
}

public sealed class RecordingHandler(ShopDbContext db, HandlerProbe probe) : IIntegrationEventHandler<ParcelShipped>
{
    public Task HandleAsync(ParcelShipped integrationEvent, CancellationToken cancellationToken) =>
        probe.RunAsync(integrationEvent.Key, () =>
            db.Database.ExecuteSqlAsync($"INSERT INTO test_effects (key) VALUES ({integrationEvent.Key})", cancellationToken));
}

public sealed class OutboxTests
{
    private readonly HandlerProbe probe = new();

    private async Task<ShopAppFactory> StartShopAsync(string? sharedConnectionString = null, params (string, string?)[] settings)
    {
        var app = new ShopAppFactory
        {
            SharedConnectionString = sharedConnectionString,
            ConfigureTestServices = services =>
            {
                services.AddSingleton(probe);
                services.AddIntegrationEventHandler<ParcelShipped, RecordingHandler>();
            },
        }.WithSettings(settings);
        await app.InitializeAsync();
        if (sharedConnectionString is null)
            await Execute(app, "CREATE TABLE test_effects (key text NOT NULL)");
        _ = app.Services;
        return app;
    }

    private static async Task PublishAsync(ShopAppFactory app, params string[] keys)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var outbox = scope.ServiceProvider.GetRequiredService<IOutbox>();
        foreach (var key in keys)
            outbox.Add(new ParcelShipped(key));
        await scope.ServiceProvider.GetRequiredService<ShopDbContext>().SaveChangesAsync();
    }

    private static async Task Execute(ShopAppFactory app, string sql)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.ExecuteAsync(sql);
    }

    private static async Task<T> Scalar<T>(ShopAppFactory app, string sql)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        return (await connection.ExecuteScalarAsync<T>(sql))!;
    }

    private static Task WaitUntilSettledAsync(ShopAppFactory app, int count) => Eventually.TrueAsync(
        async () => await Scalar<int>(app, "SELECT count(*) FROM platform.outbox_messages WHERE processed_at IS NOT NULL OR dead_lettered_at IS NOT NULL") == count,
        $"{count} outbox message(s) to be processed or dead-lettered");

    [Fact]
    public async Task Every_event_is_delivered_once()
    {
        await using var app = await StartShopAsync();
        var keys = Enumerable.Range(1, 25).Select(i => $"parcel-{i}").ToArray();

        await PublishAsync(app, keys);
        await WaitUntilSettledAsync(app, keys.Length);

        Assert.Equal(keys.Length, await Scalar<int>(app, "SELECT count(*) FROM platform.outbox_messages WHERE processed_at IS NOT NULL"));
        Assert.Equal(keys.Length, await Scalar<int>(app, "SELECT count(DISTINCT key) FROM test_effects"));
        Assert.Equal(keys.Length, await Scalar<int>(app, "SELECT count(*) FROM test_effects"));
        Assert.All(keys, key => Assert.Equal(1, probe.CallsFor(key)));
    }

    [Fact]
    public async Task Events_rolled_back_with_their_change_are_never_delivered()
    {
        await using var app = await StartShopAsync();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            scope.ServiceProvider.GetRequiredService<IOutbox>().Add(new ParcelShipped("rolled-back"));
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }
        await PublishAsync(app, "committed");

        await WaitUntilSettledAsync(app, 1);

        Assert.Equal(0, probe.CallsFor("rolled-back"));
        Assert.Equal(1, probe.CallsFor("committed"));
    }

    [Fact]
    public async Task A_failing_handler_is_retried_and_its_failed_attempts_leave_no_effect()
    {
        await using var app = await StartShopAsync();
        probe.AfterEffect = (_, call) => call < 3 ? throw new InvalidOperationException($"courier API down (call {call})") : Task.CompletedTask;

        await PublishAsync(app, "flaky");
        await WaitUntilSettledAsync(app, 1);

        Assert.Equal(3, probe.CallsFor("flaky"));
        Assert.Equal(1, await Scalar<int>(app, "SELECT count(*) FROM test_effects WHERE key = 'flaky'"));
        Assert.Equal(3, await Scalar<int>(app, "SELECT attempts FROM platform.outbox_messages"));
        Assert.True(await Scalar<bool>(app, "SELECT processed_at IS NOT NULL AND dead_lettered_at IS NULL FROM platform.outbox_messages"));
    }

    [Fact]
    public async Task A_handler_that_keeps_failing_is_dead_lettered_after_the_last_attempt()
    {
        await using var app = await StartShopAsync(null, ("Outbox:MaxAttempts", "3"));
        probe.AfterEffect = (_, _) => throw new InvalidOperationException("courier rejected the parcel");

        await PublishAsync(app, "doomed");
        await WaitUntilSettledAsync(app, 1);

        Assert.True(await Scalar<bool>(app, "SELECT dead_lettered_at IS NOT NULL AND processed_at IS NULL FROM platform.outbox_messages"));
        Assert.Equal(3, await Scalar<int>(app, "SELECT attempts FROM platform.outbox_messages"));
        Assert.Equal("courier rejected the parcel", await Scalar<string>(app, "SELECT last_error FROM platform.outbox_messages"));
        Assert.Equal(3, probe.CallsFor("doomed"));
        Assert.Equal(0, await Scalar<int>(app, "SELECT count(*) FROM test_effects"));
    }

    [Fact]
    public async Task A_crash_after_the_handler_committed_leads_to_redelivery_without_a_second_effect()
    {
        await using var app = await StartShopAsync(null, ("Outbox:DispatcherEnabled", "false"));
        var store = app.Services.GetRequiredService<OutboxStore>();
        var delivery = app.Services.GetRequiredService<OutboxDelivery>();
        var lease = TimeSpan.FromMilliseconds(200);
        await PublishAsync(app, "committed-then-crashed");

        // A dispatcher claims the message, the handler's effect commits, then the process dies
        // before it marks the message processed.
        var claimed = Assert.Single(await store.ClaimAsync(10, lease, CancellationToken.None));
        await delivery.DeliverAsync(claimed, CancellationToken.None);

        // Another dispatcher takes it over once the lease has run out.
        var dispatcher = app.Services.GetRequiredService<OutboxDispatcher>();
        var settings = new OutboxOptions { LeaseDuration = lease };
        await Eventually.TrueAsync(async () => await dispatcher.DispatchBatchAsync(settings, CancellationToken.None) == 1, "the expired lease to be reclaimed");

        Assert.Equal(1, probe.CallsFor("committed-then-crashed"));
        Assert.Equal(1, await Scalar<int>(app, "SELECT count(*) FROM test_effects"));
        Assert.Equal(2, await Scalar<int>(app, "SELECT attempts FROM platform.outbox_messages"));
        Assert.True(await Scalar<bool>(app, "SELECT processed_at IS NOT NULL FROM platform.outbox_messages"));
    }

    [Fact]
    public async Task A_crash_before_the_handler_ran_leads_to_one_delivery()
    {
        await using var app = await StartShopAsync(null, ("Outbox:DispatcherEnabled", "false"));
        var store = app.Services.GetRequiredService<OutboxStore>();
        var lease = TimeSpan.FromMilliseconds(200);
        await PublishAsync(app, "claimed-then-crashed");
        Assert.Single(await store.ClaimAsync(10, lease, CancellationToken.None));

        Assert.Empty(await store.ClaimAsync(10, lease, CancellationToken.None)); // still leased: invisible to others
        var dispatcher = app.Services.GetRequiredService<OutboxDispatcher>();
        await Eventually.TrueAsync(async () => await dispatcher.DispatchBatchAsync(new OutboxOptions { LeaseDuration = lease }, CancellationToken.None) == 1,
            "the expired lease to be reclaimed");

        Assert.Equal(1, probe.CallsFor("claimed-then-crashed"));
        Assert.Equal(1, await Scalar<int>(app, "SELECT count(*) FROM test_effects"));
    }

    [Fact]
    public async Task Two_instances_dispatching_together_never_take_the_same_event()
    {
        await using var first = await StartShopAsync(null, ("Outbox:BatchSize", "5"));
        await using var second = await StartShopAsync(first.ConnectionString, ("Outbox:BatchSize", "5"));
        probe.AfterEffect = (_, _) => Task.Delay(2);
        var keys = Enumerable.Range(1, 200).Select(i => $"parcel-{i}").ToArray();

        await Task.WhenAll(PublishAsync(first, keys[..100]), PublishAsync(second, keys[100..]));
        await WaitUntilSettledAsync(first, keys.Length);

        Assert.Equal(0, probe.Overlaps);
        Assert.All(keys, key => Assert.Equal(1, probe.CallsFor(key)));
        Assert.Equal(keys.Length, await Scalar<int>(first, "SELECT count(*) FROM platform.outbox_messages WHERE attempts = 1"));
        Assert.Equal(keys.Length, await Scalar<int>(first, "SELECT count(*) FROM test_effects"));
    }

    [Fact]
    public async Task New_events_wake_the_dispatcher_without_waiting_for_the_poll()
    {
        await using var app = await StartShopAsync(null, ("Outbox:PollInterval", "00:30:00"));
        await PublishAsync(app, "first");
        await WaitUntilSettledAsync(app, 1);

        // The dispatcher is now idle until the next poll in 30 minutes: only NOTIFY can wake it.
        await PublishAsync(app, "second");
        await WaitUntilSettledAsync(app, 2);

        Assert.Equal(1, probe.CallsFor("second"));
    }

    [Fact]
    public async Task A_dispatcher_that_stops_mid_batch_hands_back_what_it_claimed_but_did_not_deliver()
    {
        await using var app = await StartShopAsync(null, ("Outbox:DispatcherEnabled", "false"));
        await PublishAsync(app, "first", "second", "third");
        using var stopping = new CancellationTokenSource();
        probe.AfterEffect = (_, _) =>
        {
            stopping.Cancel();
            return Task.CompletedTask;
        };
        var dispatcher = app.Services.GetRequiredService<OutboxDispatcher>();
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<OutboxOptions>>().Value;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => dispatcher.DispatchBatchAsync(options, stopping.Token));

        Assert.Equal(0, await Scalar<int>(app, "SELECT count(*) FROM platform.outbox_messages WHERE processed_at IS NULL AND locked_until IS NOT NULL"));
        Assert.Equal(0, await Scalar<int>(app, "SELECT count(*) FROM platform.outbox_messages WHERE processed_at IS NULL AND attempts > 0"));
        Assert.Equal(3, await Scalar<int>(app, "SELECT count(*) FROM platform.outbox_messages WHERE processed_at IS NULL"));
    }
}

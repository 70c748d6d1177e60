using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Shop.Web.Platform.Health;
using StackExchange.Redis;

namespace Shop.Web.Modules.Support.Chat;

/// <summary>
/// Live chat across several instances: with a Redis connection string (<c>ConnectionStrings:Redis</c>),
/// SignalR's Redis backplane carries every group and user message between instances; without one, the
/// single instance keeps its connections in memory and needs no Redis.
/// Redis holds nothing that matters: messages are stored in PostgreSQL before they are pushed, and a
/// client that missed a push (its instance died, Redis restarted) catches up by its last-seen id.
/// A Redis outage never stops pages: the connection is made in the background and retried for as long
/// as Redis is away; meanwhile pushes between instances are lost (and caught up) and readiness says Degraded.
/// </summary>
public static class ChatScaleOut
{
    public const string ConnectionStringName = "Redis";

    /// <summary>Where SignalR's Redis channels start, so several shops can share one Redis.</summary>
    public const string ChannelPrefixSetting = "Support:RedisChannelPrefix";

    /// <summary>
    /// Registers SignalR (idempotent: the hub's own <c>AddSignalR()</c> may come before or after) and, when
    /// Redis is configured, the Redis backplane, plus a readiness check that reports it.
    /// </summary>
    public static WebApplicationBuilder AddSupportChatScaleOut(this WebApplicationBuilder builder)
    {
        builder.Services.AddSignalR().AddSupportScaleOut(builder.Configuration);
        return builder;
    }

    /// <summary>Chains onto <c>AddSignalR()</c>: the Redis backplane when <c>ConnectionStrings:Redis</c> is set, else nothing.</summary>
    public static ISignalRServerBuilder AddSupportScaleOut(this ISignalRServerBuilder signalR, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
            return signalR;
        var backplane = new RedisBackplane(connectionString, configuration[ChannelPrefixSetting] is { Length: > 0 } prefix ? prefix : "shop");
        signalR.Services.AddSingleton(backplane);
        signalR.Services.AddSingleton<BackplaneGapCloser>();
        signalR.Services.Configure<HubOptions>(options => options.AddFilter<BackplaneGapCloser>());
        signalR.Services.AddHostedService<RedisBackplaneStarter>();
        signalR.Services.AddHealthChecks().AddCheck<RedisBackplaneHealthCheck>("realtime-backplane", tags: [HealthSetup.ReadyTag]);
        signalR.AddStackExchangeRedis(options =>
        {
            // The factory's connection carries the channel prefix; SignalR adds the hub's name after it.
            options.ConnectionFactory = backplane.ConnectAsync;
        });
        return signalR;
    }
}

/// <summary>The one connection to Redis that SignalR's backplane uses, made once and kept (it reconnects by itself).</summary>
public sealed class RedisBackplane
{
    private readonly Lock gate = new();
    private Task<IConnectionMultiplexer>? connecting;

    public RedisBackplane(string connectionString, string channelPrefix)
    {
        Options = ConfigurationOptions.Parse(connectionString);
        // Never fail because Redis is away at start: connect in the background and keep retrying.
        Options.AbortOnConnectFail = false;
        Options.ClientName ??= "shop-backplane";
        // Back within a second or so of Redis returning, then less eagerly while it stays away.
        Options.ReconnectRetryPolicy ??= new ExponentialRetry(250, 5000);
        // While Redis is away a push fails at once (it is caught up later) instead of holding the sender's call for seconds.
        Options.BacklogPolicy = BacklogPolicy.FailFast;
        ChannelPrefix = channelPrefix;
    }

    public ConfigurationOptions Options { get; }

    public string ChannelPrefix { get; }

    public IConnectionMultiplexer? Connection => connecting is { IsCompletedSuccessfully: true } task ? task.Result : null;

    /// <summary>SignalR's connection factory; the hosted starter calls it too, so the connection exists before the first hub call.</summary>
    public Task<IConnectionMultiplexer> ConnectAsync(TextWriter? log)
    {
        lock (gate)
        {
            if (connecting is null || connecting.IsFaulted || connecting.IsCanceled)
                connecting = ConnectCoreAsync(log);
            return connecting;
        }
    }

    private async Task<IConnectionMultiplexer> ConnectCoreAsync(TextWriter? log)
    {
        var options = Options.Clone();
        options.ChannelPrefix = RedisChannel.Literal(ChannelPrefix);
        return await ConnectionMultiplexer.ConnectAsync(options, log);
    }
}

internal sealed class RedisBackplaneStarter(RedisBackplane backplane, BackplaneGapCloser gaps, ILogger<RedisBackplaneStarter> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Not awaited: an instance starts and serves pages whether or not Redis answers yet.
        _ = Task.Run(async () =>
        {
            try
            {
                var connection = await backplane.ConnectAsync(null);
                if (!connection.IsConnected)
                    logger.LogWarning("Redis for the real-time backplane is not reachable yet; retrying in the background");
                connection.ConnectionFailed += (_, e) => logger.LogWarning("Redis backplane connection lost ({FailureType}); live chat between instances waits for it", e.FailureType);
                connection.ConnectionRestored += (_, e) =>
                {
                    logger.LogInformation("Redis backplane connection restored ({ConnectionType}); live connections reconnect and catch up", e.ConnectionType);
                    if (e.ConnectionType == ConnectionType.Subscription)
                        gaps.CloseAll();
                };
            }
            catch (Exception exception) when (exception is RedisException or ArgumentException or TimeoutException)
            {
                logger.LogError(exception, "Redis for the real-time backplane could not be set up");
            }
        }, CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Degraded, never Unhealthy: without Redis, pages, checkout and chat on one instance still work.</summary>
internal sealed class RedisBackplaneHealthCheck(RedisBackplane backplane) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(backplane.Connection is { IsConnected: true }
            ? HealthCheckResult.Healthy("Redis backplane connected.")
            : HealthCheckResult.Degraded("Redis backplane unreachable: live chat pushes between instances wait; clients catch up when it returns."));
}

/// <summary>
/// Pushes published while the Redis connection was down are lost (or arrive late), and a client whose
/// own connection stayed up would never know. So when the backplane's subscription connection comes
/// back, this instance closes its live connections: clients reconnect, re-Join with their last-seen
/// message id and catch up from PostgreSQL, which holds every message. Nothing is lost; a message that
/// arrives twice is shown once (clients keep messages by id).
/// </summary>
public sealed partial class BackplaneGapCloser(ILogger<BackplaneGapCloser> logger) : IHubFilter
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, HubCallerContext> connections = new();

    public int Count => connections.Count;

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        connections[context.Context.ConnectionId] = context.Context;
        await next(context);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        connections.TryRemove(context.Context.ConnectionId, out _);
        await next(context, exception);
    }

    public void CloseAll()
    {
        var closed = 0;
        foreach (var (id, context) in connections)
        {
            if (connections.TryRemove(id, out _))
            {
                // Closed as a server shutting down would: the close message allows reconnecting, so clients
                // with automatic reconnect come straight back (a plain Abort tells them not to).
                if (context.Features.Get<IConnectionLifetimeNotificationFeature>() is { } lifetime)
                    lifetime.RequestClose();
                else
                    context.Abort();
                closed++;
            }
        }
        if (closed > 0)
            LogClosed(closed);
    }

    [LoggerMessage(LogLevel.Information, "Closed {Count} live connection(s) after the backplane returned, so their clients catch up")]
    private partial void LogClosed(int count);
}

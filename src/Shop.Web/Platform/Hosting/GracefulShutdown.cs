using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Shop.Web.Platform.Hosting;

/// <summary>
/// Stopping in order: readiness fails as soon as stopping begins (<see cref="AcceptingTrafficCheck"/>),
/// requests keep being served for the drain delay, then the server stops accepting connections and
/// finishes the requests in flight within the host's shutdown timeout.
/// </summary>
internal sealed class GracefulShutdown(IOptions<InstanceOptions> options) : IHostedLifecycleService
{
    // Runs after ApplicationStopping has fired and before any hosted service, Kestrel included, stops.
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.Delay(options.Value.DrainDelay, cancellationToken);

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

internal sealed class AcceptingTrafficCheck(IHostApplicationLifetime lifetime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(lifetime.ApplicationStopping.IsCancellationRequested
            ? HealthCheckResult.Unhealthy("The instance is shutting down.")
            : HealthCheckResult.Healthy("The instance takes new requests."));
}

using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using System.Text;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Platform.Hosting;

namespace Shop.Web.Platform.Metrics;

/// <summary>
/// OpenTelemetry for the framework's ASP.NET Core, HttpClient, runtime and Npgsql meters and traces and the
/// shop's own meter. Metrics are served in the Prometheus format at /metrics for each instance, scraped
/// directly (never through the load balancer, which refuses the path), to admins and to a scraper presenting
/// Metrics:BearerToken. With an OTLP endpoint configured, metrics, traces and logs are pushed there as well.
/// </summary>
public static class TelemetrySetup
{
    public const string Policy = "metrics";

    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ShopMeter>();
        builder.Services.AddSingleton<IMetricsSource>(services => services.GetRequiredService<ShopMeter>());
        var instance = builder.Configuration.GetSection(InstanceOptions.Section).Get<InstanceOptions>() ?? new InstanceOptions();
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("shop", serviceInstanceId: instance.ResolvedName))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddMeter(ShopMeter.Name)
                // Sources create their instruments when built, so they report from the first collection on.
                .AddInstrumentation(services => services.GetServices<IMetricsSource>().ToArray())
                // Without scope labels, series keep the names and labels dashboards and alerts already use.
                .AddPrometheusExporter(prometheus => prometheus.ScopeInfoEnabled = false))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(options => options.Filter = http => !IsScrapeOrProbe(http.Request.Path))
                .AddHttpClientInstrumentation()
                .AddNpgsql());
        builder.Services.ConfigureOpenTelemetryMeterProvider((services, metrics) => metrics.AddView(OnlyThisHost(services.GetRequiredService<IMeterFactory>())));
        var otlp = builder.Configuration.GetSection(OtlpSettings.Section).Get<OtlpSettings>();
        if (otlp?.Endpoint is { } endpoint)
            telemetry.UseOtlpExporter(otlp.Protocol, endpoint);
        else if (!string.IsNullOrEmpty(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            telemetry.UseOtlpExporter();
        else if (string.IsNullOrEmpty(builder.Configuration["OTEL_TRACES_SAMPLER"]))
            // Nothing would receive the spans, so only a caller that asks (a sampled traceparent) gets them:
            // the hot paths do not pay for a span per request and per SQL statement that nobody reads.
            telemetry.WithTracing(tracing => tracing.SetSampler(new ParentBasedSampler(new AlwaysOffSampler())));

        var token = builder.Configuration["Metrics:BearerToken"];
        builder.Services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy.RequireAssertion(context =>
            context.User.IsInRole(Roles.Admin) || context.Resource is HttpContext http && PresentsToken(http, token)));
        return builder;
    }

    public static WebApplication MapMetrics(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint("/metrics").RequireAuthorization(Policy).DisableRateLimiting().ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// Meters made by another host's factory are left out: several hosts in one process (tests) each report
    /// their own requests and orders. The runtime's and Npgsql's meters belong to no host and are kept.
    /// </summary>
    private static Func<Instrument, MetricStreamConfiguration?> OnlyThisHost(IMeterFactory factory) => instrument =>
        instrument.Meter.Scope is { } scope && !ReferenceEquals(scope, factory) ? MetricStreamConfiguration.Drop : null;

    private static bool IsScrapeOrProbe(PathString path) => path.StartsWithSegments("/metrics") || path.StartsWithSegments("/health");

    private static bool PresentsToken(HttpContext http, string? token)
    {
        if (string.IsNullOrEmpty(token))
            return false;
        var header = http.Request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        return header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[prefix.Length..].Trim()), Encoding.UTF8.GetBytes(token));
    }
}

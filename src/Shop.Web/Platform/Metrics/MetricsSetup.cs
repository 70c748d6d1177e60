using System.Security.Cryptography;
using System.Text;
using Shop.Web.Modules.Identity.Contracts;

namespace Shop.Web.Platform.Metrics;

/// <summary>
/// Prometheus metrics at /metrics for each instance, scraped directly (never through the load
/// balancer, which refuses the path). Readable by admins and by a scraper presenting
/// Metrics:BearerToken.
/// </summary>
public static class MetricsSetup
{
    public const string Policy = "metrics";

    public static WebApplicationBuilder AddMetrics(this WebApplicationBuilder builder)
    {
        builder.Services.AddMetrics();
        builder.Services.AddSingleton<ShopMeter>();
        builder.Services.AddSingleton<IMetricsSource>(services => services.GetRequiredService<ShopMeter>());
        builder.Services.AddSingleton<PrometheusExporter>();
        var token = builder.Configuration["Metrics:BearerToken"];
        builder.Services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy.RequireAssertion(context =>
            context.User.IsInRole(Roles.Admin) || context.Resource is HttpContext http && PresentsToken(http, token)));
        return builder;
    }

    public static WebApplication MapMetrics(this WebApplication app)
    {
        var exporter = app.Services.GetRequiredService<PrometheusExporter>();
        app.MapGet("/metrics", () => TypedResults.Text(exporter.Scrape(), "text/plain; version=0.0.4; charset=utf-8"))
            .RequireAuthorization(Policy).DisableRateLimiting().ExcludeFromDescription();
        return app;
    }

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

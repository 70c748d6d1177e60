using Shop.Web.Components;
using Shop.Web.Platform.Api;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Email;
using Shop.Web.Platform.Errors;
using Shop.Web.Platform.Health;
using Shop.Web.Platform.Hosting;
using Shop.Web.Platform.InstallableApp;
using Shop.Web.Platform.Localization;
using Shop.Web.Platform.Logging;
using Shop.Web.Platform.Media;
using Shop.Web.Platform.Metrics;
using Shop.Web.Platform.Outbox;
using Shop.Web.Platform.Security;
using Shop.Web.Platform.Storefront;
using Shop.Web.Platform.Visitors;

namespace Shop.Web.Platform;

/// <summary>What every module stands on: database, outbox, email, errors, security, health, metrics, docs, and running as one of many instances.</summary>
public static class PlatformSetup
{
    public static WebApplicationBuilder AddPlatform(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        // Run from the build output (./shop, the cluster tests), static files and their compressed copies live where the
        // build's manifest says, in any environment (only Development reads it by default); a published app has no such manifest.
        builder.WebHost.UseStaticWebAssets();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = builder.Configuration.GetValue<long?>("Limits:MaxRequestBodyBytes") ?? 4 * 1024 * 1024;
        });
        builder.AddStructuredLogging()
            .AddDatabase()
            .AddOutbox()
            .AddEmail()
            .AddErrorHandling()
            .AddLocalizationSupport()
            .AddSecurity()
            .AddHealth()
            .AddInstanceHosting()
            .AddTelemetry()
            .AddMedia()
            .AddStorefront()
            .AddApiDocs();
        builder.Services.AddRazorComponents();
        return builder;
    }

    public static WebApplication UsePlatform(this WebApplication app)
    {
        app.UseInstanceHeader();
        app.UseSecurity();
        app.UseLocalizationSupport();
        app.UseRequestLogging();
        app.UseErrorHandling();
        app.UseAuthentication();
        app.UseVisitorCookie();
        app.UseSameOriginApiWrites();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapPlatform(this WebApplication app)
    {
        app.MapStaticAssets().AllowAnonymous();
        app.MapHealth();
        app.MapMetrics();
        app.MapMedia();
        app.MapInstallableApp();
        app.MapApiDocs();
        app.MapUnknownApiPaths();
        app.MapRazorComponents<App>();
        return app;
    }
}

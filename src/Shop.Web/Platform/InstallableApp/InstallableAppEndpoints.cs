using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Shop.Web.Platform.Media;
using Shop.Web.Platform.Storefront;

namespace Shop.Web.Platform.InstallableApp;

/// <summary>
/// What makes the shop installable on a phone: the web app manifest, its icons, and the service worker
/// (served from the root so it may look after every page), versioned by the build so a new deployment
/// replaces the old worker and its caches.
/// </summary>
public static class InstallableAppEndpoints
{
    private static readonly ConcurrentDictionary<string, byte[]> Icons = new();
    private static readonly Lazy<string> Worker = new(() =>
    {
        using var stream = typeof(InstallableAppEndpoints).Assembly.GetManifestResourceStream("ServiceWorker")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Replace("__VERSION__", Version);
    });

    /// <summary>Changes with every build, and is the same on every instance of one deployment.</summary>
    public static string Version { get; } = typeof(InstallableAppEndpoints).Assembly.ManifestModule.ModuleVersionId.ToString("N")[..12];

    public static void MapInstallableApp(this WebApplication app)
    {
        app.MapGet("/manifest.webmanifest", (IOptions<StorefrontSettings> store) => TypedResults.Json(new
        {
            name = store.Value.Name,
            short_name = store.Value.Name,
            description = store.Value.Tagline,
            start_url = "/",
            scope = "/",
            display = "standalone",
            theme_color = AppIcon.ThemeColour,
            background_color = AppIcon.BackgroundColour,
            icons = AppIcon.Sizes.SelectMany(size => new object[]
            {
                new { src = $"/icons/app-{size}.png", sizes = $"{size}x{size}", type = "image/png", purpose = "any" },
                new { src = $"/icons/app-maskable-{size}.png", sizes = $"{size}x{size}", type = "image/png", purpose = "maskable" },
            }),
        }, contentType: "application/manifest+json")).AllowAnonymous().ExcludeFromDescription();

        app.MapGet("/icons/app-{kind}.png", Results<FileContentHttpResult, NotFound> (string kind, HttpContext context) =>
        {
            var maskable = kind.StartsWith("maskable-", StringComparison.Ordinal);
            if (!int.TryParse(maskable ? kind["maskable-".Length..] : kind, NumberStyles.None, CultureInfo.InvariantCulture, out var size)
                || !AppIcon.Sizes.Contains(size))
                return TypedResults.NotFound();
            var png = Icons.GetOrAdd(kind, _ => ImagePipeline.RenderIcon(maskable ? AppIcon.Maskable : AppIcon.Tile, size));
            context.Response.Headers.CacheControl = "public, max-age=86400";
            return TypedResults.File(png, "image/png");
        }).AllowAnonymous().ExcludeFromDescription();

        app.MapGet("/sw.js", (HttpContext context) =>
        {
            // Browsers look for a new worker at every visit; it must never come from a cache.
            context.Response.Headers.CacheControl = "no-cache";
            return TypedResults.Text(Worker.Value, "text/javascript");
        }).AllowAnonymous().ExcludeFromDescription();
    }
}

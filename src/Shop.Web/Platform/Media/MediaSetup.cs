using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Shop.Web.Platform.Commands;

namespace Shop.Web.Platform.Media;

public static partial class MediaSetup
{
    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex HashPattern();

    public static WebApplicationBuilder AddMedia(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<MediaOptions>().Bind(builder.Configuration.GetSection(MediaOptions.Section));
        builder.Services.AddSingleton<MediaStore>();
        builder.Services.AddTransient<IShopCommand, ConvertMediaCommand>();
        return builder;
    }

    /// <summary>
    /// Serves stored pictures at content-addressed URLs: the bytes behind a URL never change, so they are
    /// cached for a year as immutable, with the hash (and width) as ETag.
    /// </summary>
    public static WebApplication MapMedia(this WebApplication app)
    {
        app.MapGet("/media/{hash}", async Task<Results<FileContentHttpResult, NotFound, StatusCodeHttpResult>> (
            string hash, HttpContext context, MediaStore store, CancellationToken cancellationToken) =>
        {
            if (!HashPattern().IsMatch(hash))
                return TypedResults.NotFound();
            var etag = new EntityTagHeaderValue($"\"{hash}\"");
            if (NotModified(context, etag))
                return TypedResults.StatusCode(StatusCodes.Status304NotModified);
            var file = await store.FindAsync(hash, cancellationToken);
            return file is null ? TypedResults.NotFound() : Immutable(context, file.Content, file.ContentType, etag);
        }).AllowAnonymous().ExcludeFromDescription();

        app.MapGet("/media/{hash}/{rendition}", async Task<Results<FileContentHttpResult, NotFound, StatusCodeHttpResult>> (
            string hash, string rendition, HttpContext context, MediaStore store, CancellationToken cancellationToken) =>
        {
            var webp = rendition.EndsWith(".webp", StringComparison.Ordinal);
            if (!HashPattern().IsMatch(hash) || !int.TryParse(webp ? rendition[..^5] : rendition, out var width) || !Renditions.Widths.Contains(width))
                return TypedResults.NotFound();
            var etag = new EntityTagHeaderValue($"\"{hash}-{rendition}\"");
            if (NotModified(context, etag))
                return TypedResults.StatusCode(StatusCodes.Status304NotModified);
            // Pictures kept before they were prepared (or by the demo seeder) get their renditions on first request.
            var found = await store.FindRenditionAsync(hash, width, webp, cancellationToken)
                ?? (await store.ConvertAsync(hash, cancellationToken) ? await store.FindRenditionAsync(hash, width, webp, cancellationToken) : null);
            return found is null ? TypedResults.NotFound() : Immutable(context, found.Content, found.ContentType, etag);
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static bool NotModified(HttpContext context, EntityTagHeaderValue etag) =>
        context.Request.GetTypedHeaders().IfNoneMatch.Any(t => t.Compare(etag, useStrongComparison: false));

    private static FileContentHttpResult Immutable(HttpContext context, byte[] content, string contentType, EntityTagHeaderValue etag)
    {
        context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        return TypedResults.File(content, contentType, entityTag: etag);
    }
}

using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Shop.Web.Platform.Media;

public static partial class MediaSetup
{
    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex HashPattern();

    public static WebApplicationBuilder AddMedia(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<MediaOptions>().Bind(builder.Configuration.GetSection(MediaOptions.Section));
        builder.Services.AddSingleton<MediaStore>();
        return builder;
    }

    /// <summary>
    /// Serves stored files at content-addressed URLs: the bytes behind a URL never change, so they are
    /// cached for a year as immutable, with the hash as ETag.
    /// </summary>
    public static WebApplication MapMedia(this WebApplication app)
    {
        app.MapGet("/media/{hash}", async Task<Results<FileContentHttpResult, NotFound, StatusCodeHttpResult>> (
            string hash, HttpContext context, MediaStore store, CancellationToken cancellationToken) =>
        {
            if (!HashPattern().IsMatch(hash))
                return TypedResults.NotFound();
            var etag = new EntityTagHeaderValue($"\"{hash}\"");
            if (context.Request.GetTypedHeaders().IfNoneMatch.Any(t => t.Compare(etag, useStrongComparison: false)))
                return TypedResults.StatusCode(StatusCodes.Status304NotModified);
            var file = await store.FindAsync(hash, cancellationToken);
            if (file is null)
                return TypedResults.NotFound();
            context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            return TypedResults.File(file.Content, file.ContentType, entityTag: etag, lastModified: file.CreatedAt);
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}

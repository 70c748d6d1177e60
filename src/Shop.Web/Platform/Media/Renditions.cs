using System.Buffers;

namespace Shop.Web.Platform.Media;

public enum RenditionFormat { Webp, Jpeg, Png }

/// <summary>
/// The widths every picture is kept in, and their URLs: <c>/media/{hash}/{width}.webp</c>, and
/// <c>/media/{hash}/{width}</c> for browsers without WebP (JPEG, or PNG when the picture has transparency).
/// Each width exists for every picture (a narrower picture is kept at its own width), so a page builds its
/// <c>srcset</c> from the hash alone.
/// </summary>
public static class Renditions
{
    private static readonly SearchValues<char> LowerHex = SearchValues.Create("0123456789abcdef");

    public static readonly int[] Widths = [160, 320, 640, 1280];

    public static int Largest => Widths[^1];

    public static string ContentType(this RenditionFormat format) => format switch
    {
        RenditionFormat.Webp => "image/webp",
        RenditionFormat.Png => "image/png",
        _ => "image/jpeg",
    };

    public static string Extension(this RenditionFormat format) => format switch
    {
        RenditionFormat.Webp => "webp",
        RenditionFormat.Png => "png",
        _ => "jpg",
    };

    /// <summary>What a picture kept as <paramref name="extension"/> is served as to browsers without WebP: the same format.</summary>
    public static RenditionFormat FallbackOf(string extension) => extension == "png" ? RenditionFormat.Png : RenditionFormat.Jpeg;

    public static string Url(string hash, int width, bool webp) => webp ? $"/media/{hash}/{width}.webp" : $"/media/{hash}/{width}";

    public static string SourceSet(string hash, bool webp) =>
        string.Join(", ", Widths.Select(width => $"{Url(hash, width, webp)} {width}w"));

    /// <summary>The hash in a picture URL of the form <c>/media/{hash}</c>, or null for any other URL.</summary>
    public static string? HashOf(string? url) =>
        url is { Length: 7 + 64 } && url.StartsWith("/media/", StringComparison.Ordinal) && !url.AsSpan(7).ContainsAnyExcept(LowerHex) ? url[7..] : null;
}

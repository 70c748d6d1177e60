namespace Shop.Web.Platform.Security;

public static class LocalUrl
{
    /// <summary>The return URL when it stays on this site, otherwise the home page (no open redirects).</summary>
    public static string OrHome(string? url) => IsLocal(url) ? url! : "/";

    /// <summary>
    /// A path on this site: one leading slash, then no slash or backslash at once, and no backslash or
    /// control character anywhere, since browsers skip tabs and line breaks and read "\" as "/"
    /// ("/\t/evil.example" goes to evil.example), and a line break cannot be sent in a Location header.
    /// </summary>
    public static bool IsLocal(string? url) =>
        url is ['/'] or ['/', not '/' and not '\\', ..] && !url.Any(c => c == '\\' || char.IsControl(c));
}

namespace Shop.Web.Platform.Security;

public static class LocalUrl
{
    /// <summary>The return URL when it stays on this site, otherwise the home page (no open redirects).</summary>
    public static string OrHome(string? url) => url is ['/', not '/' and not '\\', ..] || url == "/" ? url : "/";
}

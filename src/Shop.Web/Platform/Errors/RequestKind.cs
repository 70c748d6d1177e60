namespace Shop.Web.Platform.Errors;

public static class RequestKind
{
    /// <summary>Machine-facing paths answer errors with problem details; everything else gets pages.</summary>
    public static bool IsApiPath(PathString path) =>
        path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        && !path.StartsWithSegments("/api/docs", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/openapi", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase);

    public static bool IsApiRequest(this HttpRequest request) => IsApiPath(request.Path);
}

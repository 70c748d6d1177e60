namespace Shop.Web.Platform.Errors;

public static class RequestKind
{
    /// <summary>Machine-facing paths answer errors with problem details; everything else gets pages.</summary>
    public static bool IsApiRequest(this HttpRequest request) =>
        request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        && !request.Path.StartsWithSegments("/api/docs", StringComparison.OrdinalIgnoreCase)
        || request.Path.StartsWithSegments("/openapi", StringComparison.OrdinalIgnoreCase)
        || request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase);
}

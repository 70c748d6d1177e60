using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace Shop.Web.Platform.Errors;

/// <summary>
/// PostgreSQL out of reach (stopped, restarting, failing over, pool exhausted) is an outage, not a
/// bug: every request answers 503 with Retry-After at once, as problem details for the API and as a
/// plain page (one that needs no database) for browsers. Nothing was committed, so retrying is safe.
/// </summary>
internal sealed partial class DatabaseUnavailableHandler(IProblemDetailsService problemDetails, ILogger<DatabaseUnavailableHandler> logger) : IExceptionHandler
{
    public const int RetryAfterSeconds = 5;

    public static bool Matches(Exception exception)
    {
        for (Exception? cause = exception; cause is not null; cause = cause.InnerException)
        {
            if (cause is NpgsqlException { IsTransient: true })
                return true;
        }
        return false;
    }

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!Matches(exception))
            return false;
        var originalPath = httpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? httpContext.Request.Path;
        LogUnavailable(httpContext.Request.Method, originalPath, exception.GetBaseException().Message);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString();
        httpContext.Response.Headers.CacheControl = "no-store";
        if (RequestKind.IsApiPath(originalPath))
        {
            return await problemDetails.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status503ServiceUnavailable,
                    Detail = "The shop is briefly unavailable. Nothing was changed; please try again in a few seconds.",
                    Instance = originalPath,
                    Extensions = { ["code"] = "service.unavailable" },
                },
            });
        }
        httpContext.Response.ContentType = "text/html; charset=utf-8";
        await httpContext.Response.WriteAsync(Page, cancellationToken);
        return true;
    }

    private const string Page = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="refresh" content="5"><title>Back in a moment</title>
        <style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#222}</style></head>
        <body><p>503</p><h1>We'll be back in a moment</h1>
        <p>The shop is briefly unavailable. Nothing was changed; this page tries again by itself in a few seconds.</p></body></html>
        """;

    [LoggerMessage(LogLevel.Warning, "Database unavailable for {Method} {Path}: {Reason}")]
    private partial void LogUnavailable(string method, string path, string reason);
}

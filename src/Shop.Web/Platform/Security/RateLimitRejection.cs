using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Shop.Web.Platform.Errors;

namespace Shop.Web.Platform.Security;

/// <summary>
/// The answer to a request over a rate limit: 429 with Retry-After; problem details for the API, and
/// for pages nothing here, so the status-code page (which reads Retry-After) says how long to wait.
/// </summary>
internal static class RateLimitRejection
{
    public static async ValueTask WriteAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.CacheControl = "no-store";
        TimeSpan? wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : null;
        if (wait is not null)
            http.Response.Headers.RetryAfter = WaitTime.Seconds(wait.Value).ToString();
        if (!http.Request.IsApiRequest())
            return;
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Detail = wait is null
                    ? "Too many requests. Please wait a moment and try again."
                    : $"Too many requests. Please wait {WaitTime.Words(wait.Value)} and try again.",
                Extensions = { ["code"] = "rate_limited" },
            },
        });
    }
}

using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using Shop.Web.Platform.Localization;

namespace Shop.Web.Platform.Errors;

/// <summary>
/// Turns exceptions escaping an API endpoint into RFC 9457 problem details: broken business rules
/// keep their status and message, malformed requests say what was wrong, and anything else is a
/// 500 that reveals nothing but a trace id. Page requests fall through to the /error page.
/// </summary>
internal sealed partial class ProblemDetailsExceptionHandler(
    IProblemDetailsService problemDetails, IStringLocalizer<Strings> texts, ILogger<ProblemDetailsExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // By now the request path is the error page's; the original tells API calls from pages.
        var originalPath = httpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? httpContext.Request.Path;
        if (!RequestKind.IsApiPath(originalPath))
            return false;

        var problem = exception switch
        {
            DomainException rule => Problem(rule.StatusCode, rule.MessageIn(texts), rule.Code),
            InputValidationException invalid => new HttpValidationProblemDetails(invalid.Errors.ToDictionary())
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "One or more fields are not valid.",
            },
            BadHttpRequestException { InnerException: JsonException json } bad => JsonProblem(bad.StatusCode, json),
            BadHttpRequestException bad => Problem(bad.StatusCode, bad.Message),
            _ => Problem(StatusCodes.Status500InternalServerError, detail: null),
        };
        if (problem.Status == StatusCodes.Status500InternalServerError)
            LogUnhandled(exception, httpContext.Request.Method, originalPath);

        problem.Instance = originalPath;
        httpContext.Response.StatusCode = problem.Status!.Value;
        if (exception is TooManyRequestsException tooMany)
            httpContext.Response.Headers.RetryAfter = WaitTime.Seconds(tooMany.RetryAfter).ToString();
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem });
    }

    private static ProblemDetails Problem(int status, string? detail, string? code = null)
    {
        var problem = new ProblemDetails { Status = status, Title = ReasonPhrases.GetReasonPhrase(status), Detail = detail };
        if (code is not null)
            problem.Extensions["code"] = code;
        return problem;
    }

    private static HttpValidationProblemDetails JsonProblem(int status, JsonException json) => new(new Dictionary<string, string[]>
    {
        [string.IsNullOrEmpty(json.Path) ? "$" : json.Path] = [json is RefusedJsonValueException refused ? refused.Message
            : $"The request body is not valid JSON for this field (line {json.LineNumber + 1}, position {json.BytePositionInLine + 1})."],
    })
    {
        Status = status,
        Title = ReasonPhrases.GetReasonPhrase(status),
        Detail = json is RefusedJsonValueException ? "The request body holds a value that is not accepted." : "The request body could not be read as JSON.",
    };

    [LoggerMessage(LogLevel.Error, "Unhandled exception for {Method} {Path}")]
    private partial void LogUnhandled(Exception exception, string method, string path);
}

using Microsoft.AspNetCore.HttpLogging;

namespace Shop.Web.Platform.Logging;

public static class LoggingSetup
{
    /// <summary>
    /// JSON lines on the console. Each line written during a request carries the request's id and path (the
    /// hosting scope) and its trace and span ids (the current activity's scope), so a line leads to its trace.
    /// Request logging records method, path, status and duration only: no query strings (reset
    /// tokens travel there), headers (cookies, bearer tokens) or bodies (passwords).
    /// </summary>
    public static WebApplicationBuilder AddStructuredLogging(this WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        builder.Logging.Configure(options => options.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        builder.Logging.AddJsonConsole(options =>
        {
            options.IncludeScopes = true;
            options.UseUtcTimestamp = true;
            options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
        });
        builder.Services.AddHttpLogging(options =>
        {
            options.LoggingFields = HttpLoggingFields.RequestMethod | HttpLoggingFields.RequestPath
                | HttpLoggingFields.ResponseStatusCode | HttpLoggingFields.Duration;
            options.CombineLogs = true;
        });
        return builder;
    }

    public static WebApplication UseRequestLogging(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            context.Response.Headers["X-Request-Id"] = context.TraceIdentifier;
            return next(context);
        });
        app.UseHttpLogging();
        return app;
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace Shop.Web.Platform.Errors;

public static class ErrorHandlingSetup
{
    public static WebApplicationBuilder AddErrorHandling(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Title ??= ReasonPhrases.GetReasonPhrase(context.ProblemDetails.Status ?? 500);
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
        });
        builder.Services.AddExceptionHandler<DatabaseUnavailableHandler>();
        builder.Services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        // Refusals answer in the request's language through the shared texts.
        builder.Services.AddLocalization();
        builder.Services.AddValidation();
        // Bad bodies and parameters throw, so the handler above answers them with a reason instead of an empty 400.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
            options.SerializerOptions.Converters.Add(new NulRefusingStringConverter());
            options.SerializerOptions.RespectNullableAnnotations = true;
            options.SerializerOptions.TypeInfoResolver = options.SerializerOptions.TypeInfoResolver?.WithAddedModifier(NullRefusal.Modify);
        });
        return builder;
    }

    public static WebApplication UseErrorHandling(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/error",
            CreateScopeForErrors = true,
            StatusCodeSelector = exception => exception switch
            {
                BadHttpRequestException bad => bad.StatusCode,
                DomainException rule => rule.StatusCode,
                InputValidationException => StatusCodes.Status400BadRequest,
                _ when DatabaseUnavailableHandler.Matches(exception) => StatusCodes.Status503ServiceUnavailable,
                _ => StatusCodes.Status500InternalServerError,
            },
        });
        // Pages get a friendly page; API requests (the inner middleware wins) get problem details.
        app.UseStatusCodePagesWithReExecute("/status/{0}", createScopeForStatusCodePages: true);
        app.UseWhen(context => context.Request.IsApiRequest(), api => api.UseStatusCodePages(async statusContext =>
        {
            var httpContext = statusContext.HttpContext;
            var problemDetails = httpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
            await problemDetails.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                ProblemDetails = new ProblemDetails { Status = httpContext.Response.StatusCode },
            });
        }));
        app.UseNulCharacterRefusal();
        return app;
    }

    /// <summary>Unknown API paths answer 404 for every method, never a 405 borrowed from a page route.</summary>
    public static WebApplication MapUnknownApiPaths(this WebApplication app)
    {
        app.MapFallback("/api/{**path}", () => TypedResults.NotFound()).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}

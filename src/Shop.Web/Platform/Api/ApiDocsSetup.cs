namespace Shop.Web.Platform.Api;

public static class ApiDocsSetup
{
    public static WebApplicationBuilder AddApiDocs(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Shop API";
            document.Info.Description = "The marketplace's REST API. Errors are RFC 9457 problem details.";
            return Task.CompletedTask;
        }));
        return builder;
    }

    public static WebApplication MapApiDocs(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.UseSwaggerUI(options =>
        {
            options.RoutePrefix = "api/docs";
            options.SwaggerEndpoint("/openapi/v1.json", "Shop API v1");
            options.DocumentTitle = "Shop API";
        });
        return app;
    }
}

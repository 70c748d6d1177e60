using Shop.Web.Modules.Content.Contracts;
using Shop.Web.Modules.Content.Editing;
using Shop.Web.Modules.Content.Reading;
using Shop.Web.Modules.Content.Setup;
using Shop.Web.Platform.Commands;

namespace Shop.Web.Modules.Content;

/// <summary>The shop's own pages (about, help, shipping, returns, privacy, terms), written by admins in Markdown.</summary>
public static class ContentModule
{
    public static WebApplicationBuilder AddContent(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PublishedPages>();
        builder.Services.AddSingleton<IShopPages>(services => services.GetRequiredService<PublishedPages>());
        builder.Services.AddHostedService<PagesChangeListener>();
        builder.Services.AddScoped<PageReader>();
        builder.Services.AddScoped<PageAdministration>();
        builder.Services.AddScoped<ISetupStep, StarterPagesSetup>();
        return builder;
    }

    public static WebApplication MapContent(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1");
        api.MapPageEndpoints();
        api.MapAdminPageEndpoints();
        return app;
    }
}

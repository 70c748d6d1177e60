using Shop.Web.Modules.Storefront.Contracts;
using Shop.Web.Modules.Storefront.InstallableApp;

namespace Shop.Web.Modules.Storefront;

public static class StorefrontModule
{
    public static WebApplicationBuilder AddStorefront(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<StorefrontSettings>().Bind(builder.Configuration.GetSection(StorefrontSettings.Section))
            .Validate(s => TimeZoneInfo.TryFindSystemTimeZoneById(s.TimeZone, out _), "Store:TimeZone names no known time zone (use an IANA name such as Asia/Kolkata).")
            .ValidateOnStart();
        builder.Services.AddSingleton<Money>();
        return builder;
    }

    public static WebApplication MapStorefront(this WebApplication app)
    {
        app.MapInstallableApp();
        return app;
    }
}

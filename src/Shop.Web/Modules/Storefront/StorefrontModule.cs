using Shop.Web.Modules.Storefront.Contracts;

namespace Shop.Web.Modules.Storefront;

public static class StorefrontModule
{
    public static WebApplicationBuilder AddStorefront(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<StorefrontSettings>().Bind(builder.Configuration.GetSection(StorefrontSettings.Section));
        builder.Services.AddSingleton<Money>();
        return builder;
    }
}

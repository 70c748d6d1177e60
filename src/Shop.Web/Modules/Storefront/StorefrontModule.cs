using Shop.Web.Modules.Storefront.Contracts;

namespace Shop.Web.Modules.Storefront;

public static class StorefrontModule
{
    public static WebApplicationBuilder AddStorefront(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<StoreOptions>().Bind(builder.Configuration.GetSection(StoreOptions.Section));
        return builder;
    }
}

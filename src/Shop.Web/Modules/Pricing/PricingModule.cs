using Shop.Web.Modules.Catalog.Contracts;
using Shop.Web.Modules.Pricing.Contracts;
using Shop.Web.Modules.Pricing.Coupons;
using Shop.Web.Modules.Pricing.Quotes;
using Shop.Web.Modules.Pricing.Shipping;
using Shop.Web.Modules.Pricing.Tax;
using Shop.Web.Platform.Commands;
using Shop.Web.Platform.Outbox;

namespace Shop.Web.Modules.Pricing;

public static class PricingModule
{
    public static WebApplicationBuilder AddPricing(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<PricingOptions>().Bind(builder.Configuration.GetSection(PricingOptions.Section));
        builder.Services.AddScoped<IPricing, PricingService>();
        builder.Services.AddScoped<CouponAdministration>();
        builder.Services.AddScoped<ShippingAdministration>();
        builder.Services.AddScoped<TaxAdministration>();
        builder.Services.AddIntegrationEventHandler<CategoryDeleted, DeletedCategoryTaxRates>();
        builder.Services.AddScoped<ISetupStep, DefaultPricingSetup>();
        builder.Services.AddScoped<ISetupStep, DemoCouponsSetup>();
        return builder;
    }

    public static WebApplication MapPricing(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1");
        api.MapCouponEndpoints();
        api.MapShippingEndpoints();
        api.MapTaxEndpoints();
        return app;
    }
}

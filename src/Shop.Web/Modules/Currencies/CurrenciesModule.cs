using Shop.Web.Modules.Currencies.Administration;
using Shop.Web.Modules.Currencies.Choosing;
using Shop.Web.Modules.Currencies.Contracts;
using Shop.Web.Modules.Currencies.Setup;
using Shop.Web.Platform.Commands;

namespace Shop.Web.Modules.Currencies;

/// <summary>Display currencies: prices shown as estimates in the shopper's currency at rates admins set; the shop charges in its own.</summary>
public static class CurrenciesModule
{
    public static WebApplicationBuilder AddCurrencies(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<EnabledCurrencies>();
        builder.Services.AddSingleton<IDisplayCurrencies>(services => services.GetRequiredService<EnabledCurrencies>());
        builder.Services.AddHostedService<CurrenciesChangeListener>();
        builder.Services.AddScoped<ShopperCurrency>();
        builder.Services.AddScoped<IShopperCurrency>(services => services.GetRequiredService<ShopperCurrency>());
        builder.Services.AddScoped<CurrencyChoice>();
        builder.Services.AddScoped<CurrencyAdministration>();
        builder.Services.AddScoped<ISetupStep, DemoCurrenciesSetup>();
        return builder;
    }

    public static WebApplication MapCurrencies(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1");
        api.MapCurrencyChoiceEndpoints();
        api.MapAdminCurrencyEndpoints();
        app.MapCurrencyChooser();
        return app;
    }
}

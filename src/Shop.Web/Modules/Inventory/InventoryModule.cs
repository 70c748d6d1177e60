using Shop.Web.Modules.Inventory.Contracts;
using Shop.Web.Modules.Inventory.Loading;
using Shop.Web.Modules.Inventory.Stock;
using Shop.Web.Platform.Outbox;

namespace Shop.Web.Modules.Inventory;

public static class InventoryModule
{
    public static WebApplicationBuilder AddInventory(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<InventoryService>();
        builder.Services.AddScoped<IInventory>(services => services.GetRequiredService<InventoryService>());
        builder.Services.AddScoped<StockBook>();
        builder.Services.AddScoped<ILowStock, LowStockList>();
        builder.Services.AddSingleton<IOpeningStockLoader, OpeningStockLoader>();
        builder.Services.AddIntegrationEventHandler<StockLow, LowStockMessages>();
        builder.Services.AddIntegrationEventHandler<StockLow, StockWebhooks>();
        return builder;
    }

    public static WebApplication MapInventory(this WebApplication app)
    {
        app.MapGroup("/api/v1").MapStockEndpoints();
        return app;
    }
}

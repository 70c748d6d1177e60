using Shop.Web.Modules.Catalog.Browse;
using Shop.Web.Modules.Catalog.Categories;
using Shop.Web.Modules.Catalog.Contracts;
using Shop.Web.Modules.Catalog.Demo;
using Shop.Web.Modules.Catalog.Import;
using Shop.Web.Modules.Catalog.ProductPage;
using Shop.Web.Modules.Catalog.Products;
using Shop.Web.Modules.Catalog.Recommendations;
using Shop.Web.Modules.Catalog.Seo;
using Shop.Web.Modules.Inventory.Contracts;
using Shop.Web.Modules.Ordering.Contracts;
using Shop.Web.Platform.Commands;
using Shop.Web.Platform.Outbox;

namespace Shop.Web.Modules.Catalog;

public static class CatalogModule
{
    public static WebApplicationBuilder AddCatalog(this WebApplicationBuilder builder)
    {
        // HybridCache sizes each entry by its serialized bytes, so the limit bounds memory rather than counting entries.
        builder.Services.AddMemoryCache(options => options.SizeLimit = 64 * 1024 * 1024);
        builder.Services.AddHybridCache();
        builder.Services.AddOptions<CatalogCacheOptions>().Bind(builder.Configuration.GetSection(CatalogCacheOptions.Section));
        builder.Services.AddSingleton<CatalogCache>();
        builder.Services.AddHostedService<CatalogChangeListener>();
        builder.Services.AddSingleton<ListingIndex>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ListingIndex>());
        builder.Services.AddScoped<CategoryTree>();
        builder.Services.AddScoped<ProductManagement>();
        builder.Services.AddScoped<ProductDetails>();
        builder.Services.AddScoped<CatalogSearch>();
        builder.Services.AddSingleton<SpellingCorrector>();
        builder.Services.AddScoped<Suggestions>();
        builder.Services.AddScoped<ICatalogLookup, CatalogLookup>();
        builder.Services.AddScoped<IProductDirectory, ProductDirectory>();
        builder.Services.AddIntegrationEventHandler<ProductAvailabilityChanged, AvailabilityProjection>();
        builder.Services.AddIntegrationEventHandler<OrderPlaced, SalesProjection>();
        builder.Services.AddIntegrationEventHandler<OrderPlaced, CoPurchaseCounter>();
        builder.Services.AddScoped<ViewHistory>();
        builder.Services.AddScoped<Recommender>();
        builder.Services.AddSingleton<ViewRetention>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ViewRetention>());
        builder.Services.AddIntegrationEventHandler<ProductUpdated, ProductWebhooks>();
        builder.Services.AddScoped<CatalogSeeder>();
        builder.Services.AddScoped<ProductImporter>();
        builder.Services.AddScoped<ProductExporter>();
        builder.Services.AddHostedService<ImportWorker>();
        builder.Services.AddOptions<DemoCatalogOptions>().Bind(builder.Configuration.GetSection(DemoCatalogOptions.Section));
        builder.Services.AddScoped<IShopCommand, SeedCommand>();
        builder.Services.AddScoped<ISetupStep, DemoCatalogSetup>();
        builder.Services.AddScoped<ISetupStep, SalesHistorySetup>();
        return builder;
    }

    public static WebApplication MapCatalog(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1");
        api.MapCatalogEndpoints();
        api.MapProductEndpoints();
        api.MapCategoryEndpoints();
        api.MapRecommendationEndpoints();
        app.MapSeoEndpoints();
        app.MapProductImageUpload();
        app.MapImportEndpoints();
        app.MapCategoryImageUpload();
        return app;
    }
}

using Shop.Web.Modules.Analytics.Activity;
using Shop.Web.Modules.Analytics.Contracts;
using Shop.Web.Modules.Analytics.Reports;
using Shop.Web.Modules.Analytics.Rollups;
using Shop.Web.Modules.Ordering.Contracts;
using Shop.Web.Modules.Payments.Contracts;
using Shop.Web.Platform.Commands;
using Shop.Web.Platform.Outbox;

namespace Shop.Web.Modules.Analytics;

public static class AnalyticsModule
{
    public static WebApplicationBuilder AddAnalytics(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AnalyticsOptions>().Bind(builder.Configuration.GetSection(AnalyticsOptions.Section))
            .Validate(o => o.FlushInterval > TimeSpan.Zero, "Analytics:FlushInterval must be positive.").ValidateOnStart();
        builder.Services.AddSingleton<ActivityBuffer>();
        builder.Services.AddSingleton<IShoppingActivity>(services => services.GetRequiredService<ActivityBuffer>());
        builder.Services.AddHostedService<ActivityFlush>();
        builder.Services.AddScoped<RollupWriter>();
        builder.Services.AddScoped<RollupRebuild>();
        builder.Services.AddScoped<IShopCommand, AnalyticsCommand>();
        builder.Services.AddScoped<ISetupStep, RollupSetup>();
        builder.Services.AddIntegrationEventHandler<OrderPlaced, OrderRollups>();
        builder.Services.AddIntegrationEventHandler<OrderStatusChanged, OrderRollups>();
        builder.Services.AddIntegrationEventHandler<RefundIssued, OrderRollups>();
        builder.Services.AddScoped<IAnalytics, AnalyticsReports>();
        return builder;
    }

    public static WebApplication MapAnalytics(this WebApplication app)
    {
        app.MapGroup("/api/v1").MapAnalyticsEndpoints();
        return app;
    }
}

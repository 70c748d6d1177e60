using Shop.Web.Modules.Webhooks.Contracts;
using Shop.Web.Modules.Webhooks.DeliveryHistory;
using Shop.Web.Modules.Webhooks.Dispatch;
using Shop.Web.Modules.Webhooks.Manage;
using Shop.Web.Modules.Webhooks.Publishing;
using Shop.Web.Platform.Outbox;

namespace Shop.Web.Modules.Webhooks;

public static class WebhooksModule
{
    public static WebApplicationBuilder AddWebhooks(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<WebhookOptions>()
            .Bind(builder.Configuration.GetSection(WebhookOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddScoped<IWebhookPublisher, WebhookPublisher>();
        builder.Services.AddScoped<IWebhookSubscriptions, WebhookPublisher>();
        builder.Services.AddScoped<WebhookManagement>();
        builder.Services.AddScoped<DeliveryLog>();
        builder.Services.AddSingleton<EndpointSecrets>();
        builder.Services.AddSingleton<OutboundAddresses>();
        builder.Services.AddHttpClient(WebhookSender.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(services => WebhookSender.Handler(services.GetRequiredService<OutboundAddresses>()))
            // Every attempt is in the delivery log already.
            .RemoveAllLoggers();
        builder.Services.AddSingleton<WebhookSender>();
        builder.Services.AddSingleton<DeliveryStore>();
        builder.Services.AddSingleton<WebhookDispatcher>();
        builder.Services.AddHostedService(services => services.GetRequiredService<WebhookDispatcher>());
        builder.Services.AddIntegrationEventHandler<WebhookEndpointDisabled, DisabledEndpointMessages>();
        return builder;
    }

    public static WebApplication MapWebhooks(this WebApplication app)
    {
        app.MapGroup("/api/v1").MapWebhookEndpoints();
        return app;
    }
}

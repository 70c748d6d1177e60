using Shop.Web.Platform.Metrics;

namespace Shop.Web.Platform.Outbox;

public static class OutboxSetup
{
    public static WebApplicationBuilder AddOutbox(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<OutboxOptions>()
            .Bind(builder.Configuration.GetSection(OutboxOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddScoped<IOutbox, Outbox>();
        builder.Services.AddScoped<CurrentOutboxMessage>();
        builder.Services.AddSingleton<OutboxStore>();
        builder.Services.AddSingleton<OutboxDelivery>();
        builder.Services.AddSingleton<OutboxDispatcher>();
        builder.Services.AddHostedService(services => services.GetRequiredService<OutboxDispatcher>());
        builder.Services.AddSingleton<IMetricsSource, OutboxMetrics>();
        return builder;
    }

    /// <summary>Subscribes a module's handler to an event published by any module.</summary>
    public static IServiceCollection AddIntegrationEventHandler<TEvent, THandler>(this IServiceCollection services)
        where TEvent : IIntegrationEvent
        where THandler : class, IIntegrationEventHandler<TEvent>
    {
        services.AddScoped<THandler>();
        services.AddSingleton(OutboxHandlerRegistration.For<TEvent, THandler>());
        return services;
    }
}

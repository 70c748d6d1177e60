using Microsoft.Extensions.Options;
using Shop.Web.Modules.Notifications.Administration;
using Shop.Web.Modules.Notifications.Contracts;
using Shop.Web.Modules.Notifications.Inbox;
using Shop.Web.Modules.Notifications.Preferences;
using Shop.Web.Modules.Notifications.Push;
using Shop.Web.Modules.Notifications.Sending;
using Shop.Web.Modules.Notifications.Templates;
using Shop.Web.Modules.Notifications.TextMessages;
using Shop.Web.Platform.Commands;
using Shop.Web.Platform.Outbox;

namespace Shop.Web.Modules.Notifications;

public static class NotificationsModule
{
    public static WebApplicationBuilder AddNotifications(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<NotificationOptions>().Bind(builder.Configuration.GetSection(NotificationOptions.Section));
        builder.Services.AddSingleton<EmailTemplates>();
        builder.Services.AddScoped<INotifier, Notifier>();
        builder.Services.AddIntegrationEventHandler<EmailQueued, EmailDelivery>();
        builder.Services.AddScoped<NotificationCentre>();
        builder.Services.AddScoped<INotificationInbox>(services => services.GetRequiredService<NotificationCentre>());
        builder.Services.AddScoped<NotificationPreferences>();
        builder.Services.AddScoped<FailedDeliveries>();
        builder.Services.AddSingleton<PushKeys>();
        builder.Services.AddScoped<ISetupStep, PushKeysSetup>();
        builder.Services.AddScoped<PushDevices>();
        builder.Services.AddHttpClient(PushDelivery.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(20));
        builder.Services.AddIntegrationEventHandler<PushQueued, PushDelivery>();
        builder.Services.AddTextMessages(builder.Configuration);
        builder.Services.AddScoped<TextMessageLog>();
        return builder;
    }

    private static void AddTextMessages(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TwilioOptions>().Bind(configuration.GetSection(TwilioOptions.Section));
        services.AddScoped<TextMessageQueue>();
        services.AddScoped<ITextMessages>(provider => provider.GetRequiredService<TextMessageQueue>());
        services.AddHttpClient(TwilioTextMessages.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(20));
        services.AddSingleton<TwilioTextMessages>();
        services.AddSingleton<LoggedTextMessages>();
        services.AddSingleton<ITextMessageProvider>(provider => provider.GetRequiredService<IOptions<TwilioOptions>>().Value.IsConfigured
            ? provider.GetRequiredService<TwilioTextMessages>()
            : provider.GetRequiredService<LoggedTextMessages>());
        services.AddIntegrationEventHandler<TextMessageQueued, TextMessageDelivery>();
    }

    public static WebApplication MapNotifications(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1");
        api.MapNotificationEndpoints();
        api.MapPreferenceEndpoints();
        api.MapPushEndpoints();
        api.MapTextMessageStatusEndpoints();
        api.MapNotificationAdminEndpoints();
        app.MapEmailPreview();
        return app;
    }
}

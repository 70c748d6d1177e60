using Shop.Web.Modules.Notifications.Administration;
using Shop.Web.Modules.Notifications.Contracts;
using Shop.Web.Modules.Notifications.Inbox;
using Shop.Web.Modules.Notifications.Preferences;
using Shop.Web.Modules.Notifications.Push;
using Shop.Web.Modules.Notifications.Sending;
using Shop.Web.Modules.Notifications.Templates;
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
        return builder;
    }

    public static WebApplication MapNotifications(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1");
        api.MapNotificationEndpoints();
        api.MapPreferenceEndpoints();
        api.MapPushEndpoints();
        api.MapNotificationAdminEndpoints();
        app.MapEmailPreview();
        return app;
    }
}

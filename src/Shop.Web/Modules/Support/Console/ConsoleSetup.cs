using Shop.Web.Modules.Support.Console.Alerts;
using Shop.Web.Modules.Support.Console.Canned;
using Shop.Web.Modules.Support.Console.Desk;
using Shop.Web.Modules.Support.Console.Figures;
using Shop.Web.Modules.Support.Console.Queue;
using Shop.Web.Modules.Support.Console.Ratings;
using Shop.Web.Modules.Support.Console.Sla;
using Shop.Web.Modules.Support.Console.Snooze;
using Shop.Web.Modules.Support.Contracts;
using Shop.Web.Platform.Commands;
using Shop.Web.Platform.Outbox;

namespace Shop.Web.Modules.Support.Console;

public static class ConsoleSetup
{
    public static WebApplicationBuilder AddSupportConsole(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SupportConsoleOptions>().Bind(builder.Configuration.GetSection(SupportConsoleOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<SlaClock>();
        builder.Services.AddScoped<AgentQueue>();
        builder.Services.AddScoped<AgentDesk>();
        builder.Services.AddScoped<CannedReplies>();
        builder.Services.AddScoped<SupportRatings>();
        builder.Services.AddScoped<AgentFigures>();
        builder.Services.AddScoped<ISetupStep, DemoCannedRepliesSetup>();
        builder.Services.AddSingleton<SnoozeWakeUp>();
        builder.Services.AddHostedService(services => services.GetRequiredService<SnoozeWakeUp>());
        // Agents online (presence follows their live connections) hear of new requests in the app only.
        builder.Services.AddScoped<IAgentAvailability, PresenceAvailability>();
        builder.Services.AddIntegrationEventHandler<ConversationStarted, NewRequestAlerts>();
        return builder;
    }

    public static WebApplication MapSupportConsole(this WebApplication app)
    {
        app.MapGroup("/api/v1").MapConsoleEndpoints();
        return app;
    }
}

namespace Shop.Web.Modules.Support.Chat;

public static class ChatSetup
{
    /// <summary>Live chat on one instance needs nothing but PostgreSQL; a backplane for several is added by the hosting setup when configured.</summary>
    public static WebApplicationBuilder AddSupportChat(this WebApplicationBuilder builder)
    {
        builder.Services.AddSignalR(options => options.MaximumReceiveMessageSize = 64 * 1024);
        builder.Services.AddSingleton<ChatInstance>();
        builder.Services.AddSingleton<SupportPush>();
        builder.Services.AddScoped<ChatMessages>();
        builder.Services.AddScoped<ChatAssignment>();
        builder.Services.AddScoped<AgentPresence>();
        builder.Services.AddScoped<LiveChat>();
        builder.Services.AddSingleton<ChatWriter>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ChatWriter>());
        builder.Services.AddHostedService<AgentPresenceSweep>();
        return builder;
    }

    public static WebApplication MapSupportChat(this WebApplication app)
    {
        app.MapGroup("/api/v1").MapChatEndpoints();
        // Guests chat too: the hub itself checks, per conversation, the account or the signed guest link.
        app.MapHub<SupportHub>("/hubs/support").AllowAnonymous();
        return app;
    }
}

using Shop.Web.Modules.Support.Contracts;
using Shop.Web.Modules.Support.Conversations;
using Shop.Web.Modules.Support.Messages;
using Shop.Web.Modules.Support.SellerMessages;
using Shop.Web.Platform.Outbox;

namespace Shop.Web.Modules.Support;

public static class SupportModule
{
    public static WebApplicationBuilder AddSupport(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ConversationAccess>();
        builder.Services.AddScoped<SupportDesk>();
        builder.Services.AddIntegrationEventHandler<ConversationStarted, SupportRequestMessages>();
        builder.AddSupportSellerMessages();
        return builder;
    }

    public static WebApplication MapSupport(this WebApplication app)
    {
        app.MapGroup("/api/v1").MapConversationEndpoints();
        app.MapSupportSellerMessages();
        return app;
    }
}

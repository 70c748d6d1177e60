using Shop.Web.Modules.Support.Console;
using Shop.Web.Modules.Support.Chat;
using Shop.Web.Modules.Support.Attachments;
using Shop.Web.Modules.Support.Callbacks;
using Shop.Web.Modules.Support.Contracts;
using Shop.Web.Modules.Support.Hours;
using Shop.Web.Modules.Support.Conversations;
using Shop.Web.Modules.Support.Emails;
using Shop.Web.Modules.Support.ReplyEmails;
using Shop.Web.Modules.Support.Transcripts;
using Shop.Web.Modules.Support.Webhooks;
using Shop.Web.Modules.Support.SellerMessages;
using Microsoft.Extensions.Options;
using Shop.Web.Platform.Outbox;

namespace Shop.Web.Modules.Support;

public static class SupportModule
{
    public static WebApplicationBuilder AddSupport(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<BusinessHoursOptions>().Bind(builder.Configuration.GetSection(BusinessHoursOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(services => services.GetRequiredService<IOptions<BusinessHoursOptions>>().Value.Week());
        builder.Services.AddSingleton<ConversationAccess>();
        builder.Services.AddScoped<SupportDesk>();
        builder.Services.AddScoped<ISupportQueue, SupportQueue>();
        builder.Services.AddIntegrationEventHandler<ConversationStarted, SupportRequestMessages>();
        builder.AddSupportConsole();
        builder.AddSupportChat();
        builder.AddSupportChatScaleOut();
        builder.AddSupportCallbacks();
        builder.AddSupportAttachments();
        builder.AddSupportWebhooks();
        builder.AddSupportReplyEmails();
        builder.AddSupportTranscripts();
        builder.AddSupportSellerMessages();
        return builder;
    }

    public static WebApplication MapSupport(this WebApplication app)
    {
        app.MapGroup("/api/v1").MapConversationEndpoints();
        app.MapSupportConsole();
        app.MapSupportChat();
        app.MapSupportCallbacks();
        app.MapSupportAttachments();
        app.MapSupportTranscripts();
        app.MapSupportSellerMessages();
        return app;
    }
}

using Shop.Web.Modules.Ledger.Contracts;
using Shop.Web.Modules.Ledger.Accounts;
using Shop.Web.Modules.Ordering.Contracts;
using Shop.Web.Modules.Payments.Contracts;
using Shop.Web.Platform.Outbox;

namespace Shop.Web.Modules.Ledger;

public static class LedgerModule
{
    public static WebApplicationBuilder AddLedger(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<LedgerOptions>().Bind(builder.Configuration.GetSection(LedgerOptions.Section));
        builder.Services.AddScoped<SellerAccounts>();
        builder.Services.AddScoped<ISellerAccountGlance>(services => services.GetRequiredService<SellerAccounts>());
        builder.Services.AddScoped<CommissionRules>();
        builder.Services.AddIntegrationEventHandler<OrderPaid, LedgerPostings>();
        builder.Services.AddIntegrationEventHandler<RefundIssued, LedgerPostings>();
        return builder;
    }

    public static WebApplication MapLedger(this WebApplication app)
    {
        app.MapGroup("/api/v1").MapLedgerEndpoints();
        return app;
    }
}

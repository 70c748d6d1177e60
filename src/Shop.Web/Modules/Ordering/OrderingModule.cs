using Shop.Web.Modules.Ordering.Administration;
using Shop.Web.Modules.Ordering.Checkout;
using Shop.Web.Modules.Ordering.Contracts;
using Shop.Web.Modules.Ordering.Demo;
using Shop.Web.Modules.Ordering.Emails;
using Shop.Web.Modules.Ordering.Export;
using Shop.Web.Modules.Ordering.Invoices;
using Shop.Web.Modules.Ordering.Orders;
using Shop.Web.Modules.Ordering.SellerOrders;
using Shop.Web.Modules.Ordering.Webhooks;
using Shop.Web.Platform.Commands;
using Shop.Web.Platform.Outbox;

namespace Shop.Web.Modules.Ordering;

public static class OrderingModule
{
    public static WebApplicationBuilder AddOrdering(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<OrderPlacement>();
        builder.Services.AddOptions<OrderingOptions>().Bind(builder.Configuration.GetSection(OrderingOptions.Section));
        builder.Services.AddOptions<ReturnPolicy>().Bind(builder.Configuration.GetSection(ReturnPolicy.Section)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<UnpaidOrderExpiry>();
        builder.Services.AddHostedService(services => services.GetRequiredService<UnpaidOrderExpiry>());
        builder.Services.AddScoped<OrderStore>();
        builder.Services.AddScoped<CustomerOrders>();
        builder.Services.AddScoped<SellerFulfillments>();
        builder.Services.AddScoped<OrderAdministration>();
        builder.Services.AddScoped<OrderExport>();
        builder.Services.AddSingleton<OrderAccess>();
        builder.Services.AddSingleton<InvoiceDocument>();
        builder.Services.AddIntegrationEventHandler<OrderPlaced, OrderMessages>();
        builder.Services.AddIntegrationEventHandler<OrderPaid, OrderMessages>();
        builder.Services.AddIntegrationEventHandler<OrderStatusChanged, OrderMessages>();
        builder.Services.AddIntegrationEventHandler<FulfillmentStatusChanged, OrderMessages>();
        builder.Services.AddIntegrationEventHandler<Payments.Contracts.PaymentFailed, OrderMessages>();
        builder.Services.AddIntegrationEventHandler<Payments.Contracts.RefundIssued, OrderMessages>();
        builder.Services.AddScoped<IPayableOrders, OrderPayments>();
        builder.Services.AddScoped<IPurchaseHistory, PurchaseHistory>();
        builder.Services.AddScoped<IOrderFacts, OrderFactsReader>();
        builder.Services.AddScoped<ICustomerOrderReferences, CustomerOrderReferences>();
        builder.Services.AddScoped<IOrderQueues, OrderQueues>();
        builder.Services.AddScoped<ISetupStep, DemoOrdersSetup>();
        builder.Services.AddIntegrationEventHandler<Payments.Contracts.PaymentSucceeded, OrderPayments>();
        builder.Services.AddIntegrationEventHandler<Payments.Contracts.PaymentFailed, OrderPayments>();
        builder.Services.AddIntegrationEventHandler<Payments.Contracts.RefundIssued, OrderPayments>();
        builder.Services.AddIntegrationEventHandler<OrderPlaced, OrderWebhooks>();
        builder.Services.AddIntegrationEventHandler<OrderPaid, OrderWebhooks>();
        builder.Services.AddIntegrationEventHandler<OrderStatusChanged, OrderWebhooks>();
        builder.Services.AddIntegrationEventHandler<FulfillmentStatusChanged, OrderWebhooks>();
        builder.Services.AddIntegrationEventHandler<Payments.Contracts.RefundIssued, OrderWebhooks>();
        return builder;
    }

    public static WebApplication MapOrdering(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1");
        api.MapCheckoutEndpoints();
        api.MapOrderEndpoints();
        api.MapFulfillmentEndpoints();
        api.MapAdminOrderEndpoints();
        api.MapOrderExportEndpoints();
        app.MapInvoiceEndpoints();
        return app;
    }
}

using Shop.Web.Modules.Payments.Attempts;
using Shop.Web.Modules.Payments.Contracts;
using Shop.Web.Modules.Payments.Failures;
using Shop.Web.Modules.Payments.Methods;
using Shop.Web.Modules.Payments.Providers;
using Shop.Web.Modules.Payments.ProviderCallbacks;
using Shop.Web.Modules.Payments.Razorpay;
using Shop.Web.Modules.Payments.Reconciliation;
using Shop.Web.Modules.Payments.Sandbox;
using Shop.Web.Modules.Payments.Stripe;
using Shop.Web.Platform.Outbox;
using Shop.Web.Platform.Security;

namespace Shop.Web.Modules.Payments;

public static class PaymentsModule
{
    public static WebApplicationBuilder AddPayments(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<PaymentOptions>().Bind(builder.Configuration.GetSection(PaymentOptions.Section));
        builder.Services.AddOptions<SandboxOptions>().Bind(builder.Configuration.GetSection(SandboxOptions.Section));
        builder.Services.AddHttpClient(SandboxGateway.Code, client => client.Timeout = TimeSpan.FromSeconds(10));
        builder.Services.AddOptions<StripeOptions>().Bind(builder.Configuration.GetSection(StripeOptions.Section));
        builder.Services.AddHttpClient(StripeGateway.Code, client => client.Timeout = TimeSpan.FromSeconds(20));
        builder.Services.AddSingleton<IPaymentProvider, StripeGateway>();
        builder.Services.AddOptions<RazorpayOptions>().Bind(builder.Configuration.GetSection(RazorpayOptions.Section));
        builder.Services.AddHttpClient(RazorpayGateway.Code, client => client.Timeout = TimeSpan.FromSeconds(20));
        builder.Services.AddSingleton<RazorpayGateway>();
        builder.Services.AddSingleton<IPaymentProvider>(services => services.GetRequiredService<RazorpayGateway>());
        builder.Services.AddSingleton<SandboxGateway>();
        builder.Services.AddSingleton<IPaymentProvider>(services => services.GetRequiredService<SandboxGateway>());
        builder.Services.AddSingleton<IPaymentProvider, CashOnDelivery>();
        builder.Services.AddScoped<PaymentService>();
        builder.Services.AddScoped<IPayments>(services => services.GetRequiredService<PaymentService>());
        builder.Services.AddScoped<IRefundHistory>(services => services.GetRequiredService<PaymentService>());
        builder.Services.AddScoped<IPaymentFailures, PaymentFailures>();
        builder.Services.AddIntegrationEventHandler<Ordering.Contracts.OrderStatusChanged, CancelledOrders>();
        builder.Services.AddSingleton<PaymentReconciliation>();
        builder.Services.AddHostedService(services => services.GetRequiredService<PaymentReconciliation>());
        return builder;
    }

    public static WebApplication MapPayments(this WebApplication app)
    {
        var payments = app.MapGroup("/api/v1/payments").WithTags("Payments").AllowAnonymous().Access(Callers.Anyone);
        payments.MapPaymentMethods();
        payments.MapProviderCallbacks();
        app.MapRazorpayCheckout();
        return app;
    }
}

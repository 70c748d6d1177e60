using Microsoft.AspNetCore.Http.HttpResults;
using Shop.Web.Modules.Payments.Attempts;
using Shop.Web.Modules.Payments.Providers;
using Shop.Web.Platform.Security;

namespace Shop.Web.Modules.Payments.ProviderCallbacks;

public sealed record WebhookReceipt(string Outcome);

public static partial class ProviderCallbackEndpoints
{
    public static void MapProviderCallbacks(this RouteGroupBuilder payments)
    {
        // Providers call this; the signature (not a session) says who is calling.
        payments.MapPost("/webhooks/{provider}", async Task<Results<Ok<WebhookReceipt>, NotFound, ProblemHttpResult>> (
                string provider, HttpRequest request, PaymentService service, ILoggerFactory loggers) =>
            {
                if (service.Provider(provider) is not { } payments)
                    return TypedResults.NotFound();
                using var reader = new StreamReader(request.Body);
                var body = await reader.ReadToEndAsync();
                try
                {
                    return TypedResults.Ok(new WebhookReceipt(await service.ApplyAsync(provider, payments.ReadCallback(request.Headers, body), body)));
                }
                catch (WebhookRejectedException refused)
                {
                    LogRefused(loggers.CreateLogger("Shop.Payments.Webhooks"), provider, refused.Message);
                    return TypedResults.Problem(statusCode: refused.StatusCode, title: "Callback refused", detail: refused.Message);
                }
            })
            .Access(Callers.SignedRequests).WithName("PaymentWebhook").WithSummary("Callbacks from payment providers (sandbox, stripe, razorpay): verified, applied once.");
    }

    [LoggerMessage(LogLevel.Warning, "Refused a {Provider} callback: {Reason}")]
    private static partial void LogRefused(ILogger logger, string provider, string reason);
}

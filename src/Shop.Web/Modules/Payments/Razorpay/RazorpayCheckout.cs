using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Shop.Web.Modules.Payments.Attempts;
using Shop.Web.Modules.Payments.Data;
using Shop.Web.Modules.Payments.Providers;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Security;

namespace Shop.Web.Modules.Payments.Razorpay;

public static class RazorpayCheckout
{
    /// <summary>
    /// Where Standard Checkout posts its result (razorpay_order_id, razorpay_payment_id, razorpay_signature).
    /// The signature, not a form token, proves it came from Razorpay; the buyer then goes back to the order.
    /// </summary>
    public static void MapRazorpayCheckout(this WebApplication app) =>
        app.MapPost("/payments/razorpay/{paymentId:guid}/callback", async (Guid paymentId, string? @return,
                [FromForm(Name = "razorpay_order_id")] string? orderId, [FromForm(Name = "razorpay_payment_id")] string? razorpayPaymentId,
                [FromForm(Name = "razorpay_signature")] string? signature, RazorpayGateway gateway, PaymentService payments, ShopDbContext db) =>
            {
                var back = LocalUrl.OrHome(@return);
                var payment = await db.Set<Payment>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == paymentId && p.Provider == RazorpayGateway.Code);
                if (payment is null || orderId is null || razorpayPaymentId is null || signature is null
                    || orderId != payment.ProviderReference || !gateway.IsGenuineCheckoutResult(orderId, razorpayPaymentId, signature))
                    return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Payment result refused",
                        detail: "The payment result did not come from Razorpay for this payment.");
                await payments.ApplyAsync(RazorpayGateway.Code, new ProviderEvent($"checkout:{razorpayPaymentId}", "checkout.completed", payment.Id, razorpayPaymentId,
                    null, null, ProviderOutcome.Succeeded, null), "{\"source\":\"checkout\"}");
                return Results.Redirect(back);
            })
            .AllowAnonymous().Access(Callers.Anyone).DisableAntiforgery().WithName("RazorpayCheckoutResult").WithTags("Payments")
            .WithSummary("Razorpay Standard Checkout posts its signed result here, then the buyer returns to the order.");
}

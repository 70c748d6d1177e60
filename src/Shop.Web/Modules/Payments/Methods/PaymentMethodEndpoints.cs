using Microsoft.AspNetCore.Http.HttpResults;
using Shop.Web.Modules.Payments.Contracts;

namespace Shop.Web.Modules.Payments.Methods;

public static class PaymentMethodEndpoints
{
    public static void MapPaymentMethods(this RouteGroupBuilder payments) =>
        payments.MapGet("/methods", async Task<Ok<IReadOnlyList<PaymentMethod>>> (IPayments service) => TypedResults.Ok(await service.MethodsAsync()))
            .WithName("PaymentMethods").WithSummary("The payment methods offered at checkout.");
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Shop.Testing;
using Shop.Web.Modules.Payments.Attempts;
using Shop.Web.Modules.Payments.Providers;
using Shop.Web.Modules.Payments.Sandbox;

namespace Shop.Tests.Ledger;

/// <summary>What the ledger tests set up: a seller's sale, paid through the sandbox, posted to its account.</summary>
internal static class LedgerSteps
{
    /// <summary>A guest buys the seller's product at the price and pays online; returns the seller's balance once the sale has posted.</summary>
    public static async Task<decimal> SellAsync(this ShopAppFactory app, CatalogClient catalog, decimal price)
    {
        await app.EnsureShippingAsync();
        var category = await catalog.CategoryAsync("Ledger");
        var product = await catalog.ProductAsync(CatalogClient.Unique("Copper Jug"), category.GetProperty("id").GetString()!,
            [CatalogClient.Variant("LED-" + Guid.NewGuid().ToString("N")[..8], price)]);
        var guest = await app.GuestWithCartAsync(Guid.Parse(product.GetProperty("variants")[0].GetProperty("id").GetString()!));
        var order = await CatalogClient.Expect(await guest.PostAsJsonAsync("/api/v1/checkout",
            new { email = ApiClient.NewEmail("buyer"), shippingAddress = Shopper.Address, shippingMethod = "standard", paymentMethod = "sandbox" }), HttpStatusCode.Created);
        var access = Uri.EscapeDataString(order.GetProperty("accessToken").GetString()!);
        var started = await CatalogClient.Expect(
            await guest.PostAsJsonAsync($"/api/v1/orders/{order.GetProperty("id").GetString()}/payments?access={access}", new { method = "sandbox" }), HttpStatusCode.Created);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var payment = await scope.ServiceProvider.GetRequiredService<PaymentService>().FindAsync(started.GetProperty("paymentId").GetGuid());
            await app.Services.GetRequiredService<SandboxGateway>().SendCallbackAsync(payment!, ProviderOutcome.Succeeded, null);
        }
        var statement = await Eventually.GetAsync(async () => await catalog.Seller.GetFromJsonAsync<JsonElement>("/api/v1/seller/ledger"),
            s => s.GetProperty("balance").GetDecimal() > 0
                && s.GetProperty("entries").GetProperty("items").EnumerateArray().Any(e => e.GetProperty("orderId").GetString() == order.GetProperty("id").GetString()),
            "the sale posted");
        return statement.GetProperty("balance").GetDecimal();
    }

    public static async Task<Guid> IdAsync(this HttpClient client) => (await client.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("id").GetGuid();
}

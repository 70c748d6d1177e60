using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shop.Testing;

namespace Shop.Tests.Ordering;

/// <summary>What the ordering tests set up through the API: a seller's variant in stock, and orders of it by a buyer or a guest.</summary>
internal static class OrderingSteps
{
    public static async Task<Guid> VariantAsync(this CatalogClient catalog, decimal price = 400m, int stock = 10, HttpClient? seller = null)
    {
        var category = await catalog.CategoryAsync("Ordering");
        var product = await catalog.ProductAsync(CatalogClient.Unique("Brass Lamp"), category.GetProperty("id").GetString()!,
            [CatalogClient.Variant("ORD-" + Guid.NewGuid().ToString("N")[..8], price, stock: stock)], client: seller ?? catalog.Seller);
        return Guid.Parse(product.GetProperty("variants")[0].GetProperty("id").GetString()!);
    }

    /// <summary>A signed-in buyer orders the variant, cash on delivery.</summary>
    public static async Task<JsonElement> OrderAsync(this HttpClient buyer, Guid variantId, int quantity = 1)
    {
        await buyer.AddToCartAsync(variantId, quantity);
        return await CatalogClient.Expect(await buyer.CheckoutAsync(null), HttpStatusCode.Created);
    }

    /// <summary>A guest orders the variant to pay online with the sandbox; the answer carries the order's signed access token.</summary>
    public static async Task<(HttpClient Guest, JsonElement Order)> GuestOrderToPayOnlineAsync(this ShopAppFactory app, Guid variantId)
    {
        var guest = await app.GuestWithCartAsync(variantId);
        var order = await CatalogClient.Expect(await guest.PostAsJsonAsync("/api/v1/checkout",
            new { email = ApiClient.NewEmail("guest"), shippingAddress = Shopper.Address, shippingMethod = "standard", paymentMethod = "sandbox" }), HttpStatusCode.Created);
        return (guest, order);
    }

    public static string Access(this JsonElement order) => Uri.EscapeDataString(order.GetProperty("accessToken").GetString()!);

    /// <summary>The seller's fulfilment of the order.</summary>
    public static async Task<string> FulfillmentOfAsync(this HttpClient seller, string orderId) =>
        (await seller.GetFromJsonAsync<JsonElement>("/api/v1/seller/fulfillments")).GetProperty("items").EnumerateArray()
            .Single(f => f.GetProperty("orderId").GetString() == orderId).GetProperty("id").GetString()!;
}

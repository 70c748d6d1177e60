using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Shop.Testing;

/// <summary>What a buyer does through the API: fill a cart, check out. Guests carry their cart token.</summary>
public static class Shopper
{
    public static readonly object Address = new
    {
        fullName = "Asha Rao", phone = "+91 98450 12345", line1 = "12 MG Road", line2 = "Near the park", city = "Bengaluru", state = "Karnataka",
        postalCode = "560001", country = "IN",
    };

    /// <summary>A guest with one item in a new cart, the cart's token sent on every request.</summary>
    public static async Task<HttpClient> GuestWithCartAsync(this ShopAppFactory app, Guid variantId, int quantity = 1)
    {
        var guest = app.CreateClient();
        var added = await guest.PostAsJsonAsync("/api/v1/cart/items", new { variantId, quantity });
        await CatalogClient.Expect(added, HttpStatusCode.OK);
        guest.DefaultRequestHeaders.Add("X-Cart-Token", added.Headers.GetValues("X-Cart-Token").Single());
        return guest;
    }

    public static async Task AddToCartAsync(this HttpClient client, Guid variantId, int quantity = 1) =>
        await CatalogClient.Expect(await client.PostAsJsonAsync("/api/v1/cart/items", new { variantId, quantity }), HttpStatusCode.OK);

    public static Task<HttpResponseMessage> CheckoutAsync(this HttpClient client, string? email = "guest@example.in", string shippingMethod = "standard",
        string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/checkout")
        {
            Content = JsonContent.Create(new { email, shippingAddress = Address, shippingMethod, paymentMethod = "cod" }),
        };
        if (idempotencyKey is not null)
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        return client.SendAsync(request);
    }

    /// <summary>Standard shipping (₹49 + ₹20/kg, free from ₹499) exists; created through the admin API when missing.</summary>
    public static async Task EnsureShippingAsync(this ShopAppFactory app)
    {
        var (admin, _) = await app.SignedInClientAsync("admin", "admin");
        var methods = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/shipping");
        if (methods.EnumerateArray().Any(m => m.GetProperty("code").GetString() == "standard"))
            return;
        var created = await admin.PostAsJsonAsync("/api/v1/admin/shipping", new { code = "standard", name = "Standard", baseRate = 49m, perKgRate = 20m, freeOver = 499m });
        if (created.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.BadRequest))
            throw new InvalidOperationException($"Could not create shipping: {created.StatusCode}");
    }
}

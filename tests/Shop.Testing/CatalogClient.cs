using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Shop.Testing;

/// <summary>Builds catalog content through the real API, as an admin and a seller would.</summary>
public sealed class CatalogClient(ShopAppFactory app, HttpClient admin, HttpClient seller)
{
    public HttpClient Admin => admin;

    public HttpClient Seller => seller;

    public static async Task<CatalogClient> CreateAsync(ShopAppFactory app)
    {
        var (admin, _) = await app.SignedInClientAsync("admin", "admin");
        var (seller, _) = await app.SignedInClientAsync("seller", "seller");
        return new CatalogClient(app, admin, seller);
    }

    public async Task<HttpClient> AnotherSellerAsync() => (await app.SignedInClientAsync("seller", "seller")).Client;

    public async Task<JsonElement> CategoryAsync(string name, string? parentId = null)
    {
        var response = await admin.PostAsJsonAsync("/api/v1/admin/categories", new { name, slug = $"{name.ToLowerInvariant().Replace(' ', '-')}-{Guid.NewGuid():N}"[..30].TrimEnd('-'), parentId });
        return await Expect(response, HttpStatusCode.Created);
    }

    public async Task<string> UploadAsync(int seed = 1, HttpClient? client = null)
    {
        using var content = new MultipartFormDataContent { { new ByteArrayContent(TestPictures.Png(200, 200, seed)), "file", "photo.png" } };
        var response = await (client ?? seller).PostAsync("/api/v1/media", content);
        return (await Expect(response, HttpStatusCode.Created)).GetProperty("hash").GetString()!;
    }

    public static object Variant(string sku, decimal price, int stock = 10, object? options = null, decimal? compareAtPrice = null) =>
        new { sku, price, stock, options = options ?? new Dictionary<string, string>(), compareAtPrice, weightGrams = 250 };

    public async Task<JsonElement> ProductAsync(string title, string categoryId, object[] variants, string brand = "Acme", string status = "active",
        string description = "A fine thing.", string[]? images = null, HttpClient? client = null)
    {
        var response = await (client ?? seller).PostAsJsonAsync("/api/v1/seller/products", new
        {
            title, brand, description, categoryId, status, variants, images = (images ?? []).Select(hash => new { hash }).ToArray(),
        });
        return await Expect(response, HttpStatusCode.Created);
    }

    public static async Task<JsonElement> Expect(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != status)
            throw new InvalidOperationException($"Expected {status}, got {response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    public static string Unique(string text) => $"{text} {Guid.NewGuid():N}"[..(text.Length + 7)];
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Shop.Testing;

namespace Shop.Tests.Languages;

/// <summary>Sellers write a product's title and description per language; pages fall back to the default, search reads both.</summary>
public sealed class ProductTextTests(ShopAppFactory app) : IClassFixture<ShopAppFactory>
{
    private static async Task<string> HeadingAsync(HttpClient client, string path, string language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Accept-Language", language);
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync()).QuerySelector("h1")!.TextContent.Trim();
    }

    private static async Task<IReadOnlyList<string>> FoundAsync(HttpClient client, string words) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/catalog/products?q={Uri.EscapeDataString(words)}")).GetProperty("items")
            .EnumerateArray().Select(item => item.GetProperty("slug").GetString()!).ToList();

    [Fact]
    public async Task A_product_shows_its_hindi_title_to_hindi_readers_the_default_otherwise_and_is_found_by_either()
    {
        var catalog = await CatalogClient.CreateAsync(app);
        var category = await catalog.CategoryAsync("Translated");
        var title = CatalogClient.Unique("Terracotta Lamp");
        var created = await CatalogClient.Expect(await catalog.Seller.PostAsJsonAsync("/api/v1/seller/products", new
        {
            title, brand = "Acme", description = "Hand-made in Bankura.", categoryId = category.GetProperty("id").GetString(), status = "active",
            variants = new[] { CatalogClient.Variant("TRN-" + Guid.NewGuid().ToString("N")[..8], 450m) },
            translations = new Dictionary<string, object> { ["hi"] = new { title = "टेराकोटा दीया", description = "बांकुड़ा में हाथ से बना।" } },
        }), HttpStatusCode.Created);
        var untranslated = await catalog.ProductAsync(CatalogClient.Unique("Brass Bell"), category.GetProperty("id").GetString()!,
            [CatalogClient.Variant("TRN-" + Guid.NewGuid().ToString("N")[..8], 300m)]);
        var client = app.CreateClient();
        var page = $"/p/{created.GetProperty("slug").GetString()}";

        Assert.Equal("टेराकोटा दीया", await HeadingAsync(client, page, "hi-IN"));
        Assert.Equal(title, await HeadingAsync(client, page, "en-IN"));
        Assert.Equal(untranslated.GetProperty("title").GetString(), await HeadingAsync(client, $"/p/{untranslated.GetProperty("slug").GetString()}", "hi-IN"));
        Assert.Equal("टेराकोटा दीया", created.GetProperty("translations").GetProperty("hi").GetProperty("title").GetString());

        Assert.Contains(created.GetProperty("slug").GetString(), await FoundAsync(client, "टेराकोटा"));
        Assert.Contains(created.GetProperty("slug").GetString(), await FoundAsync(client, "बांकुड़ा"));
        Assert.Contains(created.GetProperty("slug").GetString(), await FoundAsync(client, title));
    }

    [Fact]
    public async Task Texts_for_a_language_the_shop_does_not_speak_are_refused()
    {
        var catalog = await CatalogClient.CreateAsync(app);
        var category = await catalog.CategoryAsync("Translated");

        var response = await catalog.Seller.PostAsJsonAsync("/api/v1/seller/products", new
        {
            title = CatalogClient.Unique("Clay Pot"), brand = "Acme", description = "Plain.", categoryId = category.GetProperty("id").GetString(),
            variants = new[] { CatalogClient.Variant("TRN-" + Guid.NewGuid().ToString("N")[..8], 200m) },
            translations = new Dictionary<string, object> { ["fr"] = new { title = "Pot en terre" } },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Shop.Testing;

namespace Shop.Tests.Languages;

/// <summary>Admins name a category per language; menus, headings and breadcrumbs use it, search keeps the default name.</summary>
public sealed class CategoryNameTests(ShopAppFactory app) : IClassFixture<ShopAppFactory>
{
    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> PageAsync(HttpClient client, string path, string language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Accept-Language", language);
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }

    private static async Task<IReadOnlyList<(string Text, string Url)>> SuggestedAsync(HttpClient client, string typed, string language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/catalog/suggest?q={Uri.EscapeDataString(typed)}");
        request.Headers.Add("Accept-Language", language);
        var found = await (await client.SendAsync(request)).Content.ReadFromJsonAsync<JsonElement>();
        return [.. found.EnumerateArray().Select(s => (s.GetProperty("text").GetString()!, s.GetProperty("url").GetString()!))];
    }

    [Fact]
    public async Task A_category_reads_in_hindi_where_it_has_a_hindi_name_and_keeps_it_through_an_edit_without_names()
    {
        var catalog = await CatalogClient.CreateAsync(app);
        var name = CatalogClient.Unique("Kitchenware");
        var created = await CatalogClient.Expect(await catalog.Admin.PostAsJsonAsync("/api/v1/admin/categories",
            new { name, translations = new Dictionary<string, string> { ["hi"] = "  रसोई के बर्तन " } }), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString()!;
        Assert.Equal("रसोई के बर्तन", created.GetProperty("translations").GetProperty("hi").GetString());
        var product = await catalog.ProductAsync(CatalogClient.Unique("Steel Tawa"), id, [CatalogClient.Variant("CAT-" + Guid.NewGuid().ToString("N")[..8], 700m)]);
        var client = app.CreateClient();
        var listing = $"/c/{created.GetProperty("slug").GetString()}";

        Assert.Equal("रसोई के बर्तन", (await PageAsync(client, listing, "hi-IN")).QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(name, (await PageAsync(client, listing, "en-IN")).QuerySelector("h1")!.TextContent.Trim());
        var productPage = await PageAsync(client, $"/p/{product.GetProperty("slug").GetString()}", "hi-IN");
        Assert.Contains(productPage.QuerySelectorAll("nav.breadcrumbs a"), a => a.TextContent.Trim() == "रसोई के बर्तन");
        var menu = await PageAsync(client, "/", "hi-IN");
        Assert.Contains(menu.QuerySelectorAll("a"), a => a.TextContent.Contains("रसोई के बर्तन") && a.GetAttribute("href") == listing);
        Assert.Contains(await SuggestedAsync(client, "रसोई के", "hi-IN"), s => s.Text == "रसोई के बर्तन" && s.Url == listing);
        Assert.Contains(await SuggestedAsync(client, name, "en-IN"), s => s.Text == name && s.Url == listing);

        // Search and the admin's form, which sends no names, keep to the default name and leave the Hindi one be.
        var found = await client.GetFromJsonAsync<JsonElement>($"/api/v1/catalog/products?q={Uri.EscapeDataString(name)}");
        Assert.Contains(found.GetProperty("items").EnumerateArray(), i => i.GetProperty("slug").GetString() == product.GetProperty("slug").GetString());
        var renamed = await CatalogClient.Expect(await catalog.Admin.PutAsJsonAsync($"/api/v1/admin/categories/{id}", new { name = name + " Plus" }), HttpStatusCode.OK);
        Assert.Equal("रसोई के बर्तन", renamed.GetProperty("translations").GetProperty("hi").GetString());
        var cleared = await CatalogClient.Expect(await catalog.Admin.PutAsJsonAsync($"/api/v1/admin/categories/{id}",
            new { name, translations = new Dictionary<string, string> { ["hi"] = "" } }), HttpStatusCode.OK);
        Assert.False(cleared.GetProperty("translations").TryGetProperty("hi", out _));
        Assert.Equal(name, (await PageAsync(client, listing, "hi-IN")).QuerySelector("h1")!.TextContent.Trim());
    }

    [Fact]
    public async Task Names_in_a_language_the_shop_does_not_speak_or_too_long_are_refused_with_the_field()
    {
        var catalog = await CatalogClient.CreateAsync(app);
        foreach (var translations in new[]
        {
            new Dictionary<string, string> { ["fr"] = "Cuisine" },
            new Dictionary<string, string> { ["en"] = "Kitchen" },
            new Dictionary<string, string> { ["hi"] = new string('क', 101) },
        })
        {
            var response = await catalog.Admin.PostAsJsonAsync("/api/v1/admin/categories", new { name = CatalogClient.Unique("Kitchen"), translations });
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("Translations", out _));
        }
    }
}

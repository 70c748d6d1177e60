using System.Net;
using System.Net.Http.Json;
using Shop.Testing;

namespace Shop.Tests.Languages;

/// <summary>A refusal with values (how many are left, of what) reads in the asker's language, with the product's title in it.</summary>
public sealed class RefusalLanguageTests(ShopAppFactory app) : IClassFixture<ShopAppFactory>
{
    [Fact]
    public async Task Asking_for_more_than_is_left_is_refused_in_hindi_with_the_hindi_title_and_in_english_otherwise()
    {
        var catalog = await CatalogClient.CreateAsync(app);
        var category = await catalog.CategoryAsync("Refusals");
        var product = await CatalogClient.Expect(await catalog.Seller.PostAsJsonAsync("/api/v1/seller/products", new
        {
            title = "Brass Lota", brand = "Acme", description = "Cast in Moradabad.", categoryId = category.GetProperty("id").GetString(), status = "active",
            variants = new[] { CatalogClient.Variant("RFL-" + Guid.NewGuid().ToString("N")[..8], 650m, stock: 2) },
            translations = new Dictionary<string, object> { ["hi"] = new { title = "पीतल का लोटा" } },
        }), HttpStatusCode.Created);
        var variantId = product.GetProperty("variants")[0].GetProperty("id").GetString();

        async Task<string> RefusalAsync(string language)
        {
            var client = app.CreateClient();
            client.DefaultRequestHeaders.Add("Accept-Language", language);
            var response = await client.PostAsJsonAsync("/api/v1/cart/items", new { variantId, quantity = 3 });
            var problem = await CatalogClient.Expect(response, HttpStatusCode.Conflict);
            Assert.Equal("cart.insufficient_stock", problem.GetProperty("code").GetString());
            return problem.GetProperty("detail").GetString()!;
        }

        Assert.Equal("पीतल का लोटा के सिर्फ़ 2 बचे हैं; आपने 3 माँगे।", await RefusalAsync("hi-IN"));
        Assert.Equal("Only 2 of Brass Lota left; you asked for 3.", await RefusalAsync("en-IN"));
    }
}

using System.Net;
using System.Net.Http.Json;
using Shop.Testing;

namespace Shop.Tests.Catalog;

public sealed class ProductManagementTests(ShopAppFactory app) : IClassFixture<ShopAppFactory>
{
    [Fact]
    public async Task A_seller_lists_a_product_with_two_variants_and_a_picture_and_shoppers_see_it()
    {
        var catalog = await CatalogClient.CreateAsync(app);
        var category = await catalog.CategoryAsync("Shirts");
        var picture = await catalog.UploadAsync(seed: 11);

        var created = await catalog.ProductAsync("Oxford Shirt", category.GetProperty("id").GetString()!,
        [
            CatalogClient.Variant("OX-M-BLUE", 1299, stock: 12, options: new { size = "M", colour = "Blue" }, compareAtPrice: 1599),
            CatalogClient.Variant("OX-L-BLUE", 1399, stock: 0, options: new { size = "L", colour = "Blue" }),
        ], description: "Crisp **cotton** shirt. <script>alert(1)</script> [unsafe](javascript:alert(2))", images: [picture]);

        Assert.Equal(1299m, created.GetProperty("minPrice").GetDecimal());
        Assert.Equal(1399m, created.GetProperty("maxPrice").GetDecimal());
        Assert.True(created.GetProperty("inStock").GetBoolean());
        var product = await app.CreateClient().GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/catalog/products/{created.GetProperty("slug").GetString()}");
        var variants = product.GetProperty("variants").EnumerateArray().ToList();
        Assert.Equal(["inStock", "outOfStock"], variants.Select(v => v.GetProperty("stock").GetString()));
        Assert.Equal(12, variants[0].GetProperty("available").GetInt32());
        Assert.Equal($"/media/{picture}", product.GetProperty("images")[0].GetProperty("url").GetString());
        var html = product.GetProperty("descriptionHtml").GetString()!;
        Assert.Contains("<strong>cotton</strong>", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("javascript:", html);
    }

    [Fact]
    public async Task Another_seller_cannot_see_or_change_the_product_but_an_admin_can()
    {
        var catalog = await CatalogClient.CreateAsync(app);
        var category = await catalog.CategoryAsync("Lamps");
        var product = await catalog.ProductAsync("Brass Lamp", category.GetProperty("id").GetString()!, [CatalogClient.Variant("LAMP-1", 2499)]);
        var id = product.GetProperty("id").GetString();
        var rival = await catalog.AnotherSellerAsync();
        var edit = new { title = "Stolen", brand = "X", description = "x", categoryId = category.GetProperty("id").GetString(), variants = new[] { CatalogClient.Variant("LAMP-1", 1) } };

        Assert.Equal(HttpStatusCode.NotFound, (await rival.GetAsync($"/api/v1/seller/products/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await rival.PutAsJsonAsync($"/api/v1/seller/products/{id}", edit)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await rival.PostAsync($"/api/v1/seller/products/{id}/archive", null)).StatusCode);
        Assert.DoesNotContain((await rival.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/seller/products")).GetProperty("items").EnumerateArray(),
            p => p.GetProperty("id").GetString() == id);
        Assert.Equal(HttpStatusCode.OK, (await catalog.Admin.GetAsync($"/api/v1/admin/products/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignedInClientAsync()).Client.GetAsync("/api/v1/seller/products")).StatusCode);
    }

    [Fact]
    public async Task Variants_must_differ_in_options_and_skus_are_unique_across_the_catalog()
    {
        var catalog = await CatalogClient.CreateAsync(app);
        var categoryId = (await catalog.CategoryAsync("Mugs")).GetProperty("id").GetString()!;
        await catalog.ProductAsync("Blue Mug", categoryId, [CatalogClient.Variant("MUG-BLUE", 299)]);

        var sameOptions = await catalog.Seller.PostAsJsonAsync("/api/v1/seller/products", new
        {
            title = "Twin Mug", brand = "Acme", description = "x", categoryId,
            variants = new[] { CatalogClient.Variant("TWIN-1", 299, options: new { colour = "Red" }), CatalogClient.Variant("TWIN-2", 299, options: new { colour = "Red" }) },
        });
        var takenSku = await catalog.Seller.PostAsJsonAsync("/api/v1/seller/products", new
        {
            title = "Other Mug", brand = "Acme", description = "x", categoryId, variants = new[] { CatalogClient.Variant("MUG-BLUE", 199) },
        });
        var noVariants = await catalog.Seller.PostAsJsonAsync("/api/v1/seller/products", new { title = "Empty", brand = "Acme", description = "x", categoryId, variants = Array.Empty<object>() });
        var badPrice = await catalog.Seller.PostAsJsonAsync("/api/v1/seller/products", new
        {
            title = "Cheap", brand = "Acme", description = "x", categoryId, variants = new[] { CatalogClient.Variant("CHEAP-1", 0) },
        });

        Assert.Contains("same options", (await sameOptions.JsonAsync()).GetProperty("errors").GetProperty("Variants")[0].GetString());
        Assert.Contains("already used", (await takenSku.JsonAsync()).GetProperty("errors").GetProperty("Variants")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, noVariants.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badPrice.StatusCode);
    }

    [Fact]
    public async Task Drafts_and_archived_products_are_not_in_the_shop()
    {
        var catalog = await CatalogClient.CreateAsync(app);
        var categoryId = (await catalog.CategoryAsync("Vases")).GetProperty("id").GetString()!;
        var draft = await catalog.ProductAsync("Draft Vase", categoryId, [CatalogClient.Variant("VASE-D", 499)], status: "draft");
        var active = await catalog.ProductAsync("Glass Vase", categoryId, [CatalogClient.Variant("VASE-G", 799)]);

        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync($"/api/v1/catalog/products/{draft.GetProperty("slug").GetString()}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync($"/api/v1/catalog/products/{active.GetProperty("id").GetString()}")).StatusCode);
        await catalog.Seller.PostAsync($"/api/v1/seller/products/{active.GetProperty("id").GetString()}/archive", null);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync($"/api/v1/catalog/products/{active.GetProperty("id").GetString()}")).StatusCode);
    }

    [Fact]
    public async Task Editing_keeps_existing_variants_and_their_stock_and_adds_new_ones()
    {
        var catalog = await CatalogClient.CreateAsync(app);
        var categoryId = (await catalog.CategoryAsync("Tees")).GetProperty("id").GetString()!;
        var product = await catalog.ProductAsync("Plain Tee", categoryId, [CatalogClient.Variant("TEE-S", 499, stock: 7, options: new { size = "S" })]);
        var existing = product.GetProperty("variants")[0].GetProperty("id").GetString();

        var updated = await catalog.Seller.PutAsJsonAsync($"/api/v1/seller/products/{product.GetProperty("id").GetString()}", new
        {
            title = "Plain Cotton Tee", brand = "Acme", description = "Soft.", categoryId, status = "active",
            variants = new object[]
            {
                new { id = existing, sku = "TEE-S", price = 549m, options = new { size = "S" } },
                CatalogClient.Variant("TEE-M", 549, stock: 3, options: new { size = "M" }),
            },
        });

        var body = await CatalogClient.Expect(updated, HttpStatusCode.OK);
        Assert.Equal("Plain Cotton Tee", body.GetProperty("title").GetString());
        var variants = body.GetProperty("variants").EnumerateArray().ToList();
        Assert.Equal(existing, variants[0].GetProperty("id").GetString());
        Assert.Equal(7, variants[0].GetProperty("onHand").GetInt32());
        Assert.Equal(3, variants[1].GetProperty("onHand").GetInt32());
    }
}

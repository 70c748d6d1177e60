using System.Net;
using System.Net.Http.Json;
using Shop.Testing;

namespace Shop.Tests.Catalog;

public sealed class CategoryTreeTests(ShopAppFactory app) : IClassFixture<ShopAppFactory>
{
    [Fact]
    public async Task A_product_in_a_child_category_is_listed_under_every_ancestor()
    {
        var catalog = await CatalogClient.CreateAsync(app);
        var fashion = await catalog.CategoryAsync("Fashion");
        var men = await catalog.CategoryAsync("Men", fashion.GetProperty("id").GetString());
        var kurtas = await catalog.CategoryAsync("Kurtas", men.GetProperty("id").GetString());
        await catalog.ProductAsync("Linen Kurta", kurtas.GetProperty("id").GetString()!, [CatalogClient.Variant("LK-1", 999)]);

        foreach (var category in new[] { fashion, men, kurtas })
        {
            var listing = await app.CreateClient().GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/catalog/products?category={category.GetProperty("slug").GetString()}");
            Assert.Equal("Linen Kurta", Assert.Single(listing.GetProperty("items").EnumerateArray()).GetProperty("title").GetString());
        }
    }

    [Fact]
    public async Task Moving_a_category_moves_its_subtree_and_its_products()
    {
        var catalog = await CatalogClient.CreateAsync(app);
        var home = await catalog.CategoryAsync("Home");
        var kitchen = await catalog.CategoryAsync("Kitchen");
        var cookware = await catalog.CategoryAsync("Cookware", kitchen.GetProperty("id").GetString());
        var pans = await catalog.CategoryAsync("Pans", cookware.GetProperty("id").GetString());
        await catalog.ProductAsync("Cast Iron Tawa", pans.GetProperty("id").GetString()!, [CatalogClient.Variant("TAWA-1", 1499)]);

        var moved = await catalog.Admin.PutAsJsonAsync($"/api/v1/admin/categories/{cookware.GetProperty("id")}",
            new { name = "Cookware", slug = cookware.GetProperty("slug").GetString(), parentId = home.GetProperty("id").GetString() });

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var tree = await app.CreateClient().GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/catalog/categories");
        var homeNode = tree.EnumerateArray().Single(n => n.GetProperty("id").GetString() == home.GetProperty("id").GetString());
        var cookwareNode = Assert.Single(homeNode.GetProperty("children").EnumerateArray());
        Assert.Equal("Pans", Assert.Single(cookwareNode.GetProperty("children").EnumerateArray()).GetProperty("name").GetString());
        Assert.Equal(1, homeNode.GetProperty("productCount").GetInt32());
        var kitchenNode = tree.EnumerateArray().Single(n => n.GetProperty("id").GetString() == kitchen.GetProperty("id").GetString());
        Assert.Empty(kitchenNode.GetProperty("children").EnumerateArray());
        var underHome = await app.CreateClient().GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/catalog/products?category={home.GetProperty("slug").GetString()}");
        Assert.Equal(1, underHome.GetProperty("total").GetInt32());
        var byNewAncestor = await app.CreateClient().GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/catalog/products?q=home%20tawa");
        Assert.Equal(1, byNewAncestor.GetProperty("total").GetInt32()); // search knows the new category path
    }

    [Fact]
    public async Task A_category_cannot_move_into_its_own_subtree_and_a_used_one_cannot_be_deleted()
    {
        var catalog = await CatalogClient.CreateAsync(app);
        var parent = await catalog.CategoryAsync("Toys");
        var child = await catalog.CategoryAsync("Puzzles", parent.GetProperty("id").GetString());

        var cycle = await catalog.Admin.PutAsJsonAsync($"/api/v1/admin/categories/{parent.GetProperty("id")}",
            new { name = "Toys", slug = parent.GetProperty("slug").GetString(), parentId = child.GetProperty("id").GetString() });
        var deleteParent = await catalog.Admin.DeleteAsync($"/api/v1/admin/categories/{parent.GetProperty("id")}");
        var duplicateSlug = await catalog.Admin.PostAsJsonAsync("/api/v1/admin/categories", new { name = "Again", slug = parent.GetProperty("slug").GetString() });

        Assert.Equal(HttpStatusCode.Conflict, cycle.StatusCode);
        Assert.Equal("category.cycle", (await cycle.JsonAsync()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Conflict, deleteParent.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, duplicateSlug.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await catalog.Admin.DeleteAsync($"/api/v1/admin/categories/{child.GetProperty("id")}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await catalog.Seller.PostAsJsonAsync("/api/v1/admin/categories", new { name = "Mine" })).StatusCode);
    }
}

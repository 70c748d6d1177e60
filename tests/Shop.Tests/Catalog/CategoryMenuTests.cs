using System.Net.Http.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Shop.Testing;
using Shop.Web.Modules.Catalog.Browse;
using Shop.Web.Modules.Catalog.Categories;

namespace Shop.Tests.Catalog;

/// <summary>The header's category menu (mega menu and phone drawer) and the footer's list of categories.</summary>
public sealed class CategoryMenuTests(ShopAppFactory app) : IClassFixture<ShopAppFactory>
{
    private async Task<IDocument> HomeAsync() => new HtmlParser().ParseDocument(await app.CreateClient().GetStringAsync("/"));

    [Fact]
    public async Task The_menus_show_categories_with_products_to_three_levels_and_follow_an_admins_rename()
    {
        var catalog = await CatalogClient.CreateAsync(app);
        var decor = await catalog.CategoryAsync("Home Decor");
        var lighting = await catalog.CategoryAsync("Lighting", decor.GetProperty("id").GetString());
        var lamps = await catalog.CategoryAsync("Table Lamps", lighting.GetProperty("id").GetString());
        var brass = await catalog.CategoryAsync("Brass Lamps", lamps.GetProperty("id").GetString());
        await catalog.CategoryAsync("Rugs", decor.GetProperty("id").GetString());
        await catalog.CategoryAsync("Garden");
        await catalog.ProductAsync("Brass Table Lamp", brass.GetProperty("id").GetString()!, [CatalogClient.Variant($"LAMP-{Guid.NewGuid():N}"[..12], 2499m)]);

        var home = await HomeAsync();

        var mega = home.QuerySelector("nav.mega-menu[aria-label=Categories]")!;
        var item = mega.QuerySelectorAll("details.mega-item").Single(d => d.QuerySelector("summary")!.TextContent == "Home Decor");
        Assert.Equal(["All Home Decor", "Lighting", "Table Lamps"], item.QuerySelectorAll("a").Select(a => a.TextContent));
        Assert.Equal($"/c/{lamps.GetProperty("slug").GetString()}", item.QuerySelectorAll("a").Last().GetAttribute("href"));
        var drawer = home.QuerySelector("details.category-drawer nav[aria-label=Categories]")!;
        Assert.Equal(["Home Decor", "Lighting"], drawer.QuerySelectorAll("summary").Select(s => s.TextContent));
        Assert.Equal(["All Home Decor", "All Lighting", "Table Lamps"], drawer.QuerySelectorAll("a").Select(a => a.TextContent));
        Assert.DoesNotContain("Brass Lamps", home.QuerySelector("header")!.TextContent);
        var footer = home.QuerySelectorAll("nav[aria-labelledby=footer-shop] a").Select(a => a.TextContent).ToList();
        Assert.Contains("Home Decor", footer);
        Assert.DoesNotContain("Garden", footer);
        Assert.DoesNotContain("Garden", mega.TextContent);

        await CatalogClient.Expect(await catalog.Admin.PutAsJsonAsync($"/api/v1/admin/categories/{lighting.GetProperty("id")}",
            new { name = "Lamps & Lighting", slug = lighting.GetProperty("slug").GetString(), parentId = decor.GetProperty("id").GetString() }), System.Net.HttpStatusCode.OK);

        var renamed = (await HomeAsync()).QuerySelectorAll("nav.mega-menu details.mega-item").Single(d => d.QuerySelector("summary")!.TextContent == "Home Decor");
        Assert.Equal(["All Home Decor", "Lamps & Lighting", "Table Lamps"], renamed.QuerySelectorAll("a").Select(a => a.TextContent));
    }

    [Fact]
    public async Task Page_views_read_the_menu_from_the_cache_that_catalog_changes_empty()
    {
        // Entries that outlive the test: only a change can empty the cache.
        await using var shop = await new ShopAppFactory().WithSettings(("Catalog:ListingCacheSeconds", "600")).StartAsync();
        var catalog = await CatalogClient.CreateAsync(shop);
        var stationery = await catalog.CategoryAsync("Stationery");
        await catalog.ProductAsync("Handmade Paper Notebook", stationery.GetProperty("id").GetString()!, [CatalogClient.Variant($"NB-{Guid.NewGuid():N}"[..12], 349m)]);
        await using var connection = new NpgsqlConnection(shop.ConnectionString);
        Task RenameAsync(string name) => connection.ExecuteAsync("UPDATE catalog.categories SET name = @name WHERE id = @id", new { name, id = stationery.GetProperty("id").GetGuid() });
        async Task<string> MenuAsync(string path) => new HtmlParser().ParseDocument(await shop.CreateClient().GetStringAsync(path)).QuerySelector("nav.mega-menu")!.TextContent;

        // A change made in the database (by another instance, say) reaches the menu through the table's NOTIFY;
        // once it has, every earlier notification has been handled too.
        await RenameAsync("Stationery & Paper");
        // A read racing the notification returns the new name without keeping it (the cache was emptied while it
        // loaded), so wait for the tree to be kept as well.
        var cache = shop.Services.GetRequiredService<CatalogCache>();
        async Task<bool> TreeIsKeptAsync()
        {
            try
            {
                await cache.GetOrAddAsync<IReadOnlyList<CategoryNode>>("tree", "en", () => throw new KeyNotFoundException());
                return true;
            }
            catch (KeyNotFoundException)
            {
                return false;
            }
        }
        await Eventually.TrueAsync(async () => (await MenuAsync("/")).Contains("Stationery & Paper") && await TreeIsKeptAsync(),
            "the menu to show the renamed category, from the cache");

        // A change the cache is not told about (the trigger off) stays unseen: page views read no categories.
        await connection.ExecuteAsync("ALTER TABLE catalog.categories DISABLE TRIGGER categories_changed");
        try
        {
            await RenameAsync("Paper Goods");
        }
        finally
        {
            await connection.ExecuteAsync("ALTER TABLE catalog.categories ENABLE TRIGGER categories_changed");
        }
        foreach (var path in new[] { "/", "/search?q=notebook", "/cart" })
            Assert.Contains("Stationery & Paper", await MenuAsync(path));
    }
}

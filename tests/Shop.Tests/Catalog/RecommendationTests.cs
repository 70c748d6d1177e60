using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Shop.Testing;
using Shop.Web.Modules.Catalog.Recommendations;

namespace Shop.Tests.Catalog;

/// <summary>
/// Recommendations over a generated order history whose co-purchases are known:
/// A+B ×10, A+C ×3, A+D ×1, A+E ×4, E ×20, B ×4 (and B once more by the signed-in customer), B+C ×2, G+H ×2.
/// Orders per product: A 18, B 17, C 5, D 1, E 24, G 2, H 2. Cosine similarity to A: B .57, C .32, D .24, E .19,
/// so E, though bought with A more often than D, ranks below it: E sells on its own.
/// </summary>
public sealed class RecommendationTests(RecommendationTests.History history) : IClassFixture<RecommendationTests.History>
{
    public sealed class History : IAsyncLifetime
    {
        public ShopAppFactory App { get; } = new();
        public Dictionary<char, (string Id, string Slug, Guid Variant)> Products { get; } = [];
        public CatalogClient Catalog { get; private set; } = null!;
        public HttpClient Customer { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            await App.InitializeAsync();
            await App.EnsureShippingAsync();
            Catalog = await CatalogClient.CreateAsync(App);
            var kitchen = (await Catalog.CategoryAsync(CatalogClient.Unique("Kitchen"))).GetProperty("id").GetString()!;
            var garden = (await Catalog.CategoryAsync(CatalogClient.Unique("Garden"))).GetProperty("id").GetString()!;
            foreach (var letter in "ABCDEFGH")
            {
                var product = await Catalog.ProductAsync(CatalogClient.Unique($"Item {letter}"), letter is 'G' or 'H' ? garden : kitchen,
                    [CatalogClient.Variant($"REC-{letter}-" + Guid.NewGuid().ToString("N")[..6], 300m, stock: 200)]);
                Products[letter] = (product.GetProperty("id").GetString()!, product.GetProperty("slug").GetString()!,
                    product.GetProperty("variants")[0].GetProperty("id").GetGuid());
            }

            (Customer, _) = await App.SignedInClientAsync("regular");
            await Customer.AddToCartAsync(Products['B'].Variant);
            await CatalogClient.Expect(await Customer.CheckoutAsync(null), HttpStatusCode.Created);
            var baskets = new List<string>();
            void Add(string basket, int times) => baskets.AddRange(Enumerable.Repeat(basket, times));
            Add("AB", 10); Add("AC", 3); Add("AD", 1); Add("AE", 4); Add("E", 20); Add("B", 4); Add("BC", 2); Add("GH", 2);
            foreach (var chunk in baskets.Chunk(8))
                await Task.WhenAll(chunk.Select(async basket =>
                {
                    var guest = await App.GuestWithCartAsync(Products[basket[0]].Variant);
                    foreach (var letter in basket[1..])
                        await guest.AddToCartAsync(Products[letter].Variant);
                    await CatalogClient.Expect(await guest.CheckoutAsync(ApiClient.NewEmail("buyer")), HttpStatusCode.Created);
                }));
            await using var connection = new NpgsqlConnection(App.ConnectionString);
            await Eventually.GetAsync(() => connection.ExecuteScalarAsync<int>("SELECT orders FROM catalog.product_order_counts WHERE product_id = @id",
                new { id = Guid.Parse(Products['E'].Id) }), orders => orders == 24, "every order to be counted");
            await Eventually.GetAsync(() => connection.ExecuteScalarAsync<int>("SELECT coalesce(sum(orders), 0) FROM catalog.product_order_counts WHERE product_id = ANY(@ids)",
                new { ids = Products.Values.Select(p => Guid.Parse(p.Id)).ToArray() }), orders => orders == 18 + 17 + 5 + 1 + 24 + 2 + 2, "every order to be counted");

            // C sold out: it must not be recommended, however similar.
            await CatalogClient.Expect(await Catalog.Seller.PostAsJsonAsync($"/api/v1/seller/stock/{Products['C'].Variant}/adjust", new { setTo = 5, reason = "Sold out: what is left is held by orders" }), HttpStatusCode.OK);
            await Eventually.GetAsync(() => connection.ExecuteScalarAsync<bool>("SELECT in_stock FROM catalog.products WHERE id = @id", new { id = Guid.Parse(Products['C'].Id) }),
                inStock => !inStock, "C to be out of stock");
        }

        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    private char Letter(JsonElement card) => history.Products.Single(p => p.Value.Id == card.GetProperty("id").GetString()).Key;

    private List<(char Product, string Reason)> Shelf(JsonElement recommendations) =>
        recommendations.EnumerateArray()
            .Where(r => history.Products.Values.Any(p => p.Id == r.GetProperty("product").GetProperty("id").GetString()))
            .Select(r => (Letter(r.GetProperty("product")), r.GetProperty("reason").GetString()!)).ToList();

    [Fact]
    public async Task Frequently_bought_together_ranks_by_cosine_over_orders_skips_what_is_sold_out_and_tops_up_with_the_categorys_best_sellers()
    {
        var forA = await history.App.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/catalog/products/{history.Products['A'].Slug}/recommendations");
        var shelf = Shelf(forA);
        Assert.Equal([('B', "bought-together"), ('D', "bought-together"), ('E', "bought-together")], shelf.Take(3));
        Assert.DoesNotContain(shelf, r => r.Product is 'A' or 'C');
        Assert.Contains(('F', "category-best-seller"), shelf);

        // F was never bought: its shelf is the category's best sellers, best selling first.
        var forF = Shelf(await history.App.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/catalog/products/{history.Products['F'].Id}/recommendations"));
        Assert.Equal([('E', "category-best-seller"), ('A', "category-best-seller"), ('B', "category-best-seller"), ('D', "category-best-seller")], forF.Take(4));
        Assert.DoesNotContain(forF, r => r.Product is 'C' or 'F');
        Assert.Equal(HttpStatusCode.NotFound, (await history.App.CreateClient().GetAsync("/api/v1/catalog/products/nothing-here/recommendations")).StatusCode);
    }

    [Fact]
    public async Task Recommended_for_you_follows_purchases_and_views_and_never_offers_what_was_bought_viewed_or_sold_out()
    {
        // The customer viewed G's page (a view counts half as much as a purchase).
        Assert.Equal(HttpStatusCode.OK, (await history.Customer.GetAsync($"/p/{history.Products['G'].Slug}")).StatusCode);
        var viewed = await history.Customer.GetFromJsonAsync<JsonElement>("/api/v1/me/recently-viewed");
        Assert.Equal('G', Letter(viewed[0]));

        var shelf = Shelf(await history.Customer.GetFromJsonAsync<JsonElement>("/api/v1/me/recommendations"));
        Assert.Equal([('A', "similar-to-your-history"), ('H', "similar-to-your-history")], shelf.Take(2));
        Assert.DoesNotContain(shelf, r => r.Product is 'B' or 'G' or 'C');
        Assert.Contains(shelf, r => r.Reason == "category-best-seller");
        Assert.Equal(HttpStatusCode.Unauthorized, (await history.App.CreateClient().GetAsync("/api/v1/me/recommendations")).StatusCode);
    }

    [Fact]
    public async Task Recently_viewed_belongs_to_the_browser_most_recent_first_and_the_page_shows_it()
    {
        var visitor = history.App.CreateClient();
        foreach (var letter in "DFA")
            Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"/p/{history.Products[letter].Slug}")).StatusCode);
        await visitor.GetAsync($"/p/{history.Products['D'].Slug}");
        var recent = await visitor.GetFromJsonAsync<JsonElement>("/api/v1/me/recently-viewed");
        Assert.Equal(['D', 'A', 'F'], recent.EnumerateArray().Select(Letter));
        Assert.Equal(0, (await history.App.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/me/recently-viewed")).GetArrayLength());

        var home = await visitor.GetStringAsync("/");
        Assert.Contains("Recently viewed", home);
        Assert.DoesNotContain("Recommended for you", home);
        var page = await visitor.GetStringAsync($"/p/{history.Products['A'].Slug}");
        Assert.Contains("Frequently bought together", page);
    }

    [Fact]
    public async Task View_history_keeps_each_visitors_latest_products_only()
    {
        using var scope = history.App.Services.CreateScope();
        var views = scope.ServiceProvider.GetRequiredService<ViewHistory>();
        var visitor = $"v:{Guid.NewGuid():N}";
        for (var i = 0; i < ViewRetention.PerVisitor + 5; i++)
            await views.RecordAsync(visitor, Guid.NewGuid());
        var latest = await views.RecentAsync([visitor], 1);
        await views.RecordAsync(visitor, latest[0]);

        await history.App.Services.GetRequiredService<ViewRetention>().TrimAsync();

        await using var connection = new NpgsqlConnection(history.App.ConnectionString);
        var kept = await connection.QuerySingleAsync<(int Rows, int Views)>(
            "SELECT count(*)::int, max(views) FROM catalog.product_views WHERE visitor_key = @visitor", new { visitor });
        Assert.Equal((ViewRetention.PerVisitor, 2), kept);
    }
}

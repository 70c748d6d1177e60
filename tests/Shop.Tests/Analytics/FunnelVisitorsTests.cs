using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Shop.Testing;
using Shop.Web.Modules.Analytics.Activity;
using Shop.Web.Modules.Analytics.Contracts;
using Shop.Web.Platform.Storefront;
using Shop.Web.Platform.Visitors;

namespace Shop.Tests.Analytics;

/// <summary>
/// The conversion funnel counts distinct visitors per step and day: shoppers here are HTTP clients
/// with cookie jars of their own, served by one instance or two over the same database.
/// </summary>
public sealed class FunnelVisitorsTests(ShopAppFactory app) : IClassFixture<ShopAppFactory>
{
    private const string ThisWeek = "period=7d&compare=none";

    private sealed record Listed(HttpClient Admin, HttpClient Seller, IReadOnlyList<(string Slug, Guid Variant)> Products);

    private sealed record Steps(long Views, long Adds, long Checkouts, long Ordered)
    {
        public static Steps Of(JsonElement funnel) => new(funnel.GetProperty("productViews").GetInt64(), funnel.GetProperty("cartAdds").GetInt64(),
            funnel.GetProperty("checkoutsStarted").GetInt64(), funnel.GetProperty("ordered").GetInt64());

        public static Steps operator -(Steps a, Steps b) => new(a.Views - b.Views, a.Adds - b.Adds, a.Checkouts - b.Checkouts, a.Ordered - b.Ordered);
    }

    [Fact]
    public async Task A_visitor_counts_once_a_day_per_step_however_often_they_take_it()
    {
        var shop = await ListedAsync(app, products: 5);
        var buffer = app.Services.GetRequiredService<ActivityBuffer>();
        await buffer.FlushAsync(CancellationToken.None);
        var before = await FunnelAsync(shop.Admin);
        var sellerViewsBefore = await SellerViewsAsync(shop.Seller);

        // One browser views five products (with a flush in between), adds two to its cart, opens checkout twice and orders.
        var first = app.CreateClient();
        foreach (var (slug, _) in shop.Products.Take(3))
            Assert.Equal(HttpStatusCode.OK, (await first.GetAsync($"/p/{slug}")).StatusCode);
        await buffer.FlushAsync(CancellationToken.None);
        foreach (var (slug, _) in shop.Products.Skip(3))
            Assert.Equal(HttpStatusCode.OK, (await first.GetAsync($"/p/{slug}")).StatusCode);
        await first.AddToCartAsync(shop.Products[0].Variant);
        await first.AddToCartAsync(shop.Products[1].Variant);
        for (var i = 0; i < 2; i++)
            Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/checkout")).StatusCode);
        await CatalogClient.Expect(await first.CheckoutAsync(ApiClient.NewEmail("first")), HttpStatusCode.Created);

        // Another browser views one product and adds it to its cart.
        var second = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync($"/p/{shop.Products[0].Slug}")).StatusCode);
        await second.AddToCartAsync(shop.Products[0].Variant);

        // An API client that keeps no cookies is known by its cart: two additions, one visitor; its order is one more.
        var integration = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        var added = await integration.PostAsJsonAsync("/api/v1/cart/items", new { variantId = shop.Products[2].Variant, quantity = 1 });
        await CatalogClient.Expect(added, HttpStatusCode.OK);
        integration.DefaultRequestHeaders.Add("X-Cart-Token", added.Headers.GetValues("X-Cart-Token").Single());
        await integration.AddToCartAsync(shop.Products[3].Variant);
        await CatalogClient.Expect(await integration.CheckoutAsync(ApiClient.NewEmail("api")), HttpStatusCode.Created);

        await buffer.FlushAsync(CancellationToken.None);
        var counted = await FunnelAsync(shop.Admin) - before;
        Assert.Equal(new Steps(Views: 2, Adds: 3, Checkouts: 1, Ordered: 2), counted);

        // Flushing again with nothing new adds nothing.
        await buffer.FlushAsync(CancellationToken.None);
        Assert.Equal(counted, await FunnelAsync(shop.Admin) - before);

        // A seller's product views stay views: every page view of its products counts.
        Assert.Equal(6, await SellerViewsAsync(shop.Seller) - sellerViewsBefore);

        // The shop's headline views and conversion are the funnel's visitors.
        var funnel = await FunnelAsync(shop.Admin);
        var summary = await shop.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/analytics/summary?{ThisWeek}");
        Assert.Equal(funnel.Views, summary.GetProperty("productViews").GetProperty("value").GetDecimal());
        Assert.Equal(Math.Round((decimal)funnel.Ordered / funnel.Views, 4, MidpointRounding.AwayFromZero),
            summary.GetProperty("conversionRate").GetProperty("value").GetDecimal());
    }

    [Fact]
    public async Task Pages_give_a_browser_its_visitor_cookie_once_and_the_API_does_not()
    {
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        var page = await browser.GetAsync("/");
        var cookie = Assert.Single(VisitorCookies(page));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("max-age=15552000", cookie, StringComparison.OrdinalIgnoreCase);

        browser.DefaultRequestHeaders.Add("Cookie", cookie.Split(';')[0]);
        Assert.Empty(VisitorCookies(await browser.GetAsync("/")));
        Assert.Empty(VisitorCookies(await app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false }).GetAsync("/api/v1/catalog/products")));

        var overHttps = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, BaseAddress = new Uri("https://localhost") });
        Assert.Contains("secure", Assert.Single(VisitorCookies(await overHttps.GetAsync("/"))), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Two_instances_that_both_saw_a_visitor_count_them_once()
    {
        var shop = await ListedAsync(app, products: 2);
        await using var other = await new ShopAppFactory { SharedConnectionString = app.ConnectionString }.StartAsync();
        var (here, there) = (app.Services.GetRequiredService<ActivityBuffer>(), other.Services.GetRequiredService<ActivityBuffer>());
        await Task.WhenAll(here.FlushAsync(CancellationToken.None), there.FlushAsync(CancellationToken.None));
        var before = await FunnelAsync(shop.Admin);

        // One browser, its requests spread over both instances (as nginx does): views and additions on each.
        var onFirst = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        var viewed = await onFirst.GetAsync($"/p/{shop.Products[0].Slug}");
        var visitor = Assert.Single(VisitorCookies(viewed)).Split(';')[0];
        onFirst.DefaultRequestHeaders.Add("Cookie", visitor);
        var onSecond = other.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        onSecond.DefaultRequestHeaders.Add("Cookie", visitor);
        Assert.Equal(HttpStatusCode.OK, (await onSecond.GetAsync($"/p/{shop.Products[1].Slug}")).StatusCode);
        var added = await onFirst.PostAsJsonAsync("/api/v1/cart/items", new { variantId = shop.Products[0].Variant, quantity = 1 });
        await CatalogClient.Expect(added, HttpStatusCode.OK);
        onSecond.DefaultRequestHeaders.Add("X-Cart-Token", added.Headers.GetValues("X-Cart-Token").Single());
        await onSecond.AddToCartAsync(shop.Products[1].Variant);

        // Another browser, on the second instance only.
        Assert.Equal(HttpStatusCode.OK, (await other.CreateClient().GetAsync($"/p/{shop.Products[0].Slug}")).StatusCode);

        // Both instances write at once, and again.
        await Task.WhenAll(here.FlushAsync(CancellationToken.None), there.FlushAsync(CancellationToken.None));
        await Task.WhenAll(here.FlushAsync(CancellationToken.None), there.FlushAsync(CancellationToken.None));
        Assert.Equal(new Steps(Views: 2, Adds: 1, Checkouts: 0, Ordered: 0), await FunnelAsync(shop.Admin) - before);

        await using var connection = new NpgsqlConnection(app.ConnectionString);
        var steps = await connection.QueryAsync<string>("SELECT step FROM analytics.funnel_visitors WHERE visitor_id = @id ORDER BY step",
            new { id = Guid.ParseExact(visitor.Split('=')[1], "N") });
        Assert.Equal(new[] { "added_to_cart", "viewed" }, steps);
    }

    [Fact]
    public async Task A_visitor_counts_again_on_another_day_and_visitor_rows_of_old_days_are_deleted()
    {
        var clock = new AdjustableClock();
        await using var shopApp = await new ShopAppFactory { ConfigureTestServices = services => services.AddSingleton<TimeProvider>(clock) }.StartAsync();
        var shop = await ListedAsync(shopApp, products: 1);
        var buffer = shopApp.Services.GetRequiredService<ActivityBuffer>();
        var store = shopApp.Services.GetRequiredService<IOptions<StorefrontSettings>>().Value;
        var (returning, newcomer) = (shopApp.CreateClient(), shopApp.CreateClient());
        var page = $"/p/{shop.Products[0].Slug}";

        var firstDay = store.DayOf(clock.GetUtcNow());
        await returning.GetAsync(page);
        await buffer.FlushAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromDays(1));
        await returning.GetAsync(page);
        await returning.GetAsync(page);
        await newcomer.GetAsync(page);
        await buffer.FlushAsync(CancellationToken.None);

        Assert.Equal(1, await ViewersAsync(shopApp, firstDay, firstDay));
        Assert.Equal(2, await ViewersAsync(shopApp, firstDay.AddDays(1), firstDay.AddDays(1)));
        Assert.Equal(3, await ViewersAsync(shopApp, firstDay, firstDay.AddDays(1)));

        // Three days on, the next flush deletes visitor rows older than the day before yesterday; the daily figures stay.
        clock.Advance(TimeSpan.FromDays(3));
        await returning.GetAsync(page);
        await buffer.FlushAsync(CancellationToken.None);
        var today = store.DayOf(clock.GetUtcNow());
        await using var connection = new NpgsqlConnection(shopApp.ConnectionString);
        Assert.Equal(new[] { today.ToString("yyyy-MM-dd") }, await connection.QueryAsync<string>("SELECT DISTINCT day::text FROM analytics.funnel_visitors"));
        Assert.Equal(4, await ViewersAsync(shopApp, firstDay, today));
    }

    /// <summary>A seller with <paramref name="products"/> products on sale, and an admin.</summary>
    private static async Task<Listed> ListedAsync(ShopAppFactory target, int products)
    {
        await target.EnsureShippingAsync();
        var catalog = await CatalogClient.CreateAsync(target);
        var category = (await catalog.CategoryAsync("Funnel Textiles")).GetProperty("id").GetString()!;
        var listed = new List<(string, Guid)>();
        for (var i = 0; i < products; i++)
        {
            var product = await catalog.ProductAsync(CatalogClient.Unique("Ikat Runner"), category,
                [CatalogClient.Variant("IK-" + Guid.NewGuid().ToString("N")[..8], 900m)]);
            listed.Add((product.GetProperty("slug").GetString()!, product.GetProperty("variants")[0].GetProperty("id").GetGuid()));
        }
        return new Listed(catalog.Admin, catalog.Seller, listed);
    }

    private static async Task<Steps> FunnelAsync(HttpClient admin) =>
        Steps.Of(await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/analytics/funnel?{ThisWeek}"));

    private static async Task<decimal> SellerViewsAsync(HttpClient seller) =>
        (await seller.GetFromJsonAsync<JsonElement>($"/api/v1/seller/analytics/summary?{ThisWeek}")).GetProperty("productViews").GetProperty("value").GetDecimal();

    private static async Task<long> ViewersAsync(ShopAppFactory app, DateOnly from, DateOnly to)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<IAnalytics>().FunnelAsync(new Period(new DayRange(from, to), null, Bucket.Day))).ProductViews;
    }

    private static IEnumerable<string> VisitorCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies.Where(c => c.StartsWith(VisitorCookie.Name + "=", StringComparison.Ordinal)) : [];
}

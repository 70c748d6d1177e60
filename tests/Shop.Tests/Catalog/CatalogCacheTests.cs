using Microsoft.Extensions.DependencyInjection;
using Shop.Testing;
using Shop.Web.Modules.Catalog.Browse;

namespace Shop.Tests.Catalog;

public sealed class CatalogCacheTests
{
    private const int Callers = 50;

    [Fact]
    public async Task Many_concurrent_requests_for_a_cold_entry_build_it_once()
    {
        await using var shop = await new ShopAppFactory().WithSettings(("Catalog:ListingCacheSeconds", "600")).StartAsync();
        var cache = shop.Services.GetRequiredService<CatalogCache>();
        var builds = 0;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Every caller asks before the build may finish, so none can find it already cached.
        var answers = Enumerable.Range(0, Callers).Select(_ => cache.GetOrAddAsync("list", new { category = "cold" }, async () =>
        {
            Interlocked.Increment(ref builds);
            await release.Task;
            return new[] { "Kalamkari Cushion" };
        })).ToList();
        release.SetResult();
        var listings = await Task.WhenAll(answers);

        Assert.Equal(1, builds);
        Assert.All(listings, listing => Assert.Equal("Kalamkari Cushion", Assert.Single(listing)));
    }

    [Fact]
    public async Task An_entry_built_while_the_catalog_changed_is_not_served_afterwards()
    {
        await using var shop = await new ShopAppFactory().WithSettings(("Catalog:ListingCacheSeconds", "600")).StartAsync();
        var cache = shop.Services.GetRequiredService<CatalogCache>();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var stale = cache.GetOrAddAsync("list", "changing", async () =>
        {
            started.SetResult();
            await release.Task;
            return "before the change";
        });
        await started.Task;
        cache.Invalidate();
        release.SetResult();
        Assert.Equal("before the change", await stale);

        Assert.Equal("after the change", await cache.GetOrAddAsync("list", "changing", () => Task.FromResult("after the change")));
    }
}

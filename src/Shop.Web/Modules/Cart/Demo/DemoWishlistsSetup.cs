using Microsoft.EntityFrameworkCore;
using Shop.Web.Modules.Cart.Data;
using Shop.Web.Modules.Catalog.Contracts;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Platform.Commands;
using Shop.Web.Platform.Database;

namespace Shop.Web.Modules.Cart.Demo;

/// <summary>Some demo shoppers keep a few things for later, so the wishlist and its "move to cart" have something to show.</summary>
internal sealed class DemoWishlistsSetup(ShopDbContext db, ICustomerDirectory customers, ICatalogLookup catalog, IConfiguration configuration, TimeProvider clock) : ISetupStep
{
    public int Order => 85;

    public async Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        if (!configuration.GetValue<bool>("Demo:Accounts") || await db.Set<WishlistItem>().AnyAsync(cancellationToken))
            return;
        var variants = await catalog.VariantsForSaleAsync(2_000);
        if (variants.Count == 0)
            return;
        var shoppers = await customers.FindByEmailAsync(DemoShoppers.All.Where((_, i) => i % 2 == 0).Select(s => s.Email).ToList());
        var random = new Random(2026);
        var now = clock.GetUtcNow();
        var items = shoppers.SelectMany(shopper => Enumerable.Range(0, random.Next(2, 6)).Select(_ => variants[random.Next(variants.Count)]).Distinct()
            .Select(variant => new WishlistItem(shopper.UserId, variant, now - TimeSpan.FromHours(random.Next(1, 24 * 60))))).ToList();
        db.AddRange(items);
        await db.SaveChangesAsync(cancellationToken);
        await output.WriteLineAsync($"Demo wishlists: {items.Count} items for {shoppers.Count} shoppers.");
    }
}

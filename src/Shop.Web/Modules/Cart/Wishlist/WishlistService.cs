using Microsoft.EntityFrameworkCore;
using Shop.Web.Modules.Cart.Contracts;
using Shop.Web.Modules.Cart.Data;
using Shop.Web.Modules.Cart.Shopping;
using Shop.Web.Modules.Catalog.Contracts;
using Shop.Web.Modules.Inventory.Contracts;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Errors;

namespace Shop.Web.Modules.Cart.Wishlist;

public sealed record WishlistEntry(
    Guid VariantId, Guid ProductId, string ProductTitle, string ProductSlug, string VariantLabel, string? ImageUrl, decimal Price,
    bool Purchasable, bool InStock, DateTimeOffset AddedAt);

/// <summary>The signed-in customer's wishlist: variants kept for later, shown with today's price and stock.</summary>
public sealed class WishlistService(ShopDbContext db, CartVisitor visitor, CartService cart, ICatalogLookup catalog, IInventory inventory, TimeProvider clock)
    : IWishlist
{
    private Guid CustomerId => visitor.CustomerId ?? throw new InvalidOperationException("The wishlist needs a signed-in customer.");

    private IQueryable<WishlistItem> Items => db.Set<WishlistItem>().Where(w => w.CustomerId == CustomerId);

    public async Task<IReadOnlyList<WishlistEntry>> ListAsync()
    {
        var items = await Items.AsNoTracking().OrderByDescending(w => w.AddedAt).ToListAsync();
        var ids = items.Select(i => i.VariantId).ToList();
        var infos = await catalog.VariantsAsync(ids);
        var levels = await inventory.LevelsAsync(ids);
        return items.Where(i => infos.ContainsKey(i.VariantId)).Select(i =>
        {
            var info = infos[i.VariantId];
            return new WishlistEntry(i.VariantId, info.ProductId, info.ReaderTitle, info.ProductSlug, info.VariantLabel, info.ImageUrl, info.Price,
                info.Purchasable, info.Purchasable && levels.GetValueOrDefault(i.VariantId)?.Available > 0, i.AddedAt);
        }).ToList();
    }

    public Task<bool> ContainsAsync(Guid variantId) => Items.AnyAsync(w => w.VariantId == variantId);

    public async Task AddAsync(Guid variantId)
    {
        if (!(await catalog.VariantsAsync([variantId])).TryGetValue(variantId, out var info) || !info.Purchasable)
            throw new InputValidationException("VariantId", "That product is not for sale.");
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO cart.wishlist_items (customer_id, variant_id, added_at) VALUES ({CustomerId}, {variantId}, {clock.GetUtcNow()})
            ON CONFLICT DO NOTHING
            """);
    }

    public async Task<bool> RemoveAsync(Guid variantId) => await Items.Where(w => w.VariantId == variantId).ExecuteDeleteAsync() > 0;

    /// <summary>Puts one unit in the cart and takes the item off the wishlist; it stays there when the cart refuses it.</summary>
    public async Task<bool> MoveToCartAsync(Guid variantId)
    {
        if (!await ContainsAsync(variantId))
            return false;
        await cart.AddAsync(variantId, 1);
        await RemoveAsync(variantId);
        return true;
    }
}

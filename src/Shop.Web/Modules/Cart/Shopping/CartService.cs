using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shop.Web.Modules.Analytics.Contracts;
using Shop.Web.Modules.Cart.Contracts;
using Shop.Web.Modules.Cart.Data;
using Shop.Web.Modules.Catalog.Contracts;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Modules.Inventory.Contracts;
using Shop.Web.Modules.Pricing.Contracts;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Errors;
using Shop.Web.Platform.Localization;
using Shop.Web.Platform.Storefront;

namespace Shop.Web.Modules.Cart.Shopping;

/// <summary>
/// The visitor's cart. Every change locks the cart row first, so parallel requests on one cart
/// apply one after another; a customer's first cart is created with ON CONFLICT for the same reason.
/// A guest cart the visitor still carries after signing in is merged into the customer's cart on
/// the next request that touches the cart (every page does, for the header badge). What it says to the
/// shopper (warnings, refusals) is in the request's language.
/// </summary>
public sealed class CartService(
    ShopDbContext db, CartVisitor visitor, ICatalogLookup catalog, IInventory inventory, ISellerDirectory sellers,
    IPricing pricing, IShoppingActivity activity, Money money, TimeProvider clock, IStringLocalizer<Strings> texts) : IShoppingCart, ICartCheckout
{
    public async Task<CartView> ViewAsync() => await ViewOfAsync(await CurrentAsync(forChange: false));

    public async Task<int> ItemCountAsync() => (await CurrentAsync(forChange: false))?.Lines.Sum(l => l.Quantity) ?? 0;

    async Task IShoppingCart.AddAsync(Guid variantId, int quantity) => await AddAsync(variantId, quantity);

    public async Task<CartView> AddAsync(Guid variantId, int quantity)
    {
        var cartId = Guid.Empty;
        var view = (await ChangeAsync(create: true, async cart =>
        {
            var (info, available) = await VariantAsync(variantId);
            if (info is null || !info.Purchasable)
                throw new InputValidationException("VariantId", texts["That product is not for sale."]);
            cart!.Add(variantId, Name(info), quantity, info.Price, available, clock.GetUtcNow());
            cartId = cart.Id;
            return true;
        }))!;
        // A client without the visitor cookie is known by its cart, which lasts as long as it shops.
        activity.AddedToCart(visitor.BrowserId ?? cartId);
        return view;
    }

    public async Task<CheckoutCart?> LockAsync()
    {
        var cart = await CurrentAsync(forChange: true);
        return cart is null ? null
            : new CheckoutCart(cart.Id, ScopeOf(cart), cart.Lines.OrderBy(l => l.AddedAt).Select(l => new CheckoutLine(l.VariantId, l.Quantity)).ToList(), cart.CouponCode);
    }

    public async Task<string?> ScopeAsync() => await CurrentAsync(forChange: false) is { } cart ? ScopeOf(cart) : null;

    public async Task ClearAsync(Guid cartId)
    {
        var cart = await db.Set<ShoppingCart>().Include(c => c.Lines).SingleAsync(c => c.Id == cartId);
        cart.Clear(clock.GetUtcNow());
        await db.SaveChangesAsync();
    }

    private static string ScopeOf(ShoppingCart cart) => cart.CustomerId is { } customerId ? $"customer:{customerId}" : $"guest:{cart.Id}";

    /// <summary>Keeps a coupon code on the cart; an unknown code is refused, a known one that does not apply yet says why in the cart.</summary>
    public async Task<CartView> ApplyCouponAsync(string code)
    {
        if (!await pricing.CouponExistsAsync(code))
            throw new InputValidationException("Code", texts["There is no coupon {0}.", code.Trim().ToUpperInvariant()]);
        return (await ChangeAsync(create: true, cart =>
        {
            cart!.ApplyCoupon(code.Trim().ToUpperInvariant(), clock.GetUtcNow());
            return Task.FromResult(true);
        }))!;
    }

    public async Task<CartView> RemoveCouponAsync() =>
        await ChangeAsync(create: false, cart =>
        {
            cart?.ApplyCoupon(null, clock.GetUtcNow());
            return Task.FromResult(cart is not null);
        }) ?? await ViewAsync();

    /// <summary>Sets a line's quantity (0 removes it); null when the cart has no such line.</summary>
    public Task<CartView?> SetQuantityAsync(Guid variantId, int quantity) => ChangeAsync(create: false, async cart =>
    {
        if (cart is null)
            return false;
        var (info, available) = await VariantAsync(variantId);
        return cart.SetQuantity(variantId, info is null ? texts["this item"] : Name(info), quantity, info?.Purchasable == true ? available : 0, clock.GetUtcNow());
    });

    /// <summary>Removes a line; null when the cart has no such line.</summary>
    public Task<CartView?> RemoveAsync(Guid variantId) =>
        ChangeAsync(create: false, cart => Task.FromResult(cart is not null && cart.Remove(variantId, clock.GetUtcNow())));

    /// <summary>Applies a change to the locked cart and saves it; null (nothing changed) when the change found nothing to change.</summary>
    private async Task<CartView?> ChangeAsync(bool create, Func<ShoppingCart?, Task<bool>> change)
    {
        await MergeAfterSignInAsync();
        var (changed, cart) = await db.InTransactionAsync(async () =>
        {
            var cart = await CurrentAsync(forChange: true, create);
            return (await change(cart), cart);
        });
        return changed ? await ViewOfAsync(cart) : null;
    }

    /// <summary>
    /// The visitor's cart, merging a guest cart into the customer's first. With <paramref name="forChange"/>
    /// it is tracked and its row locked, a step of a use case that holds the transaction and merged
    /// before opening it; with <paramref name="create"/> a missing cart is created.
    /// </summary>
    private async Task<ShoppingCart?> CurrentAsync(bool forChange, bool create = false)
    {
        var guestToken = visitor.GuestToken;
        if (visitor.CustomerId is { } customerId)
        {
            if (!forChange)
                await MergeAfterSignInAsync();
            if (create)
                await EnsureCustomerCartAsync(customerId);
            return await FindAsync(c => c.CustomerId == customerId, forChange);
        }
        if (guestToken is not null && await FindAsync(c => c.TokenHash == CartVisitor.Hash(guestToken), forChange) is { } guestCart)
            return guestCart;
        if (!create)
            return null;
        var cart = ShoppingCart.ForGuest(CartVisitor.Hash(visitor.IssueGuestToken()), clock.GetUtcNow());
        db.Add(cart);
        return cart;
    }

    private async Task<ShoppingCart?> FindAsync(System.Linq.Expressions.Expression<Func<ShoppingCart, bool>> which, bool forChange)
    {
        if (!forChange)
            return await db.Set<ShoppingCart>().AsNoTracking().Include(c => c.Lines).SingleOrDefaultAsync(which);
        var id = await db.Set<ShoppingCart>().Where(which).Select(c => (Guid?)c.Id).SingleOrDefaultAsync();
        if (id is null)
            return null;
        await db.Database.ExecuteSqlAsync($"SELECT id FROM cart.carts WHERE id = {id} FOR UPDATE");
        return await db.Set<ShoppingCart>().Include(c => c.Lines).SingleOrDefaultAsync(c => c.Id == id);
    }

    /// <summary>
    /// Merges the guest cart a signed-in visitor still carries into the customer's cart, as a use case
    /// of its own that commits before anything else uses the cart (so call it outside a transaction);
    /// only then does the browser drop its cookie.
    /// </summary>
    public async Task MergeAfterSignInAsync()
    {
        if (visitor.CustomerId is not { } customerId || visitor.GuestToken is not { } guestToken)
            return;
        await db.InTransactionAsync(async () =>
        {
            var guest = await FindAsync(c => c.TokenHash == CartVisitor.Hash(guestToken), forChange: true);
            if (guest is null)
                return;
            await EnsureCustomerCartAsync(customerId);
            var customerCart = (await FindAsync(c => c.CustomerId == customerId, forChange: true))!;
            var levels = await inventory.LevelsAsync(guest.Lines.Select(l => l.VariantId).ToList());
            customerCart.Absorb(guest, levels.ToDictionary(l => l.Key, l => l.Value.Available), clock.GetUtcNow());
            db.Remove(guest);
        });
        visitor.ForgetGuestToken();
    }

    /// <summary>Creates the customer's cart unless it exists; two first requests at once create one.</summary>
    private Task EnsureCustomerCartAsync(Guid customerId) => db.Database.ExecuteSqlAsync($"""
        INSERT INTO cart.carts (id, customer_id, created_at, updated_at) VALUES ({Guid.CreateVersion7()}, {customerId}, {clock.GetUtcNow()}, {clock.GetUtcNow()})
        ON CONFLICT (customer_id) DO NOTHING
        """);

    private async Task<(VariantInfo? Info, int Available)> VariantAsync(Guid variantId)
    {
        var info = (await catalog.VariantsAsync([variantId])).GetValueOrDefault(variantId);
        var level = (await inventory.LevelsAsync([variantId])).GetValueOrDefault(variantId);
        return (info, level?.Available ?? 0);
    }

    private static string Name(VariantInfo info) => info.VariantLabel == "Standard" ? info.ReaderTitle : $"{info.ReaderTitle} ({info.VariantLabel})";

    private async Task<CartView> ViewOfAsync(ShoppingCart? cart)
    {
        var lines = cart?.Lines.OrderBy(l => l.AddedAt).ToList() ?? [];
        var ids = lines.Select(l => l.VariantId).ToList();
        var infos = await catalog.VariantsAsync(ids);
        var levels = await inventory.LevelsAsync(ids);
        var sellerNames = await sellers.FindAsync(infos.Values.Select(i => i.SellerId).Distinct().ToList());
        var views = lines.Select(line =>
        {
            var info = infos.GetValueOrDefault(line.VariantId);
            var available = Math.Max(0, levels.GetValueOrDefault(line.VariantId)?.Available ?? 0);
            if (info is null)
                return new CartLineView(line.VariantId, Guid.Empty, texts["An item no longer sold"], "", "", "", null, Guid.Empty, null, line.Quantity,
                    line.PriceWhenAdded, line.PriceWhenAdded, 0, 0, false, texts["No longer available. Please remove it."]);
            string? warning = !info.Purchasable ? texts["No longer available. Please remove it."].Value
                : available == 0 ? texts["Out of stock. Please remove it or check back later."].Value
                : line.Quantity > available ? texts["Only {0} left. Please lower the quantity.", available].Value
                : info.Price != line.PriceWhenAdded ? texts["The price changed from {0} to {1} since you added it.", money.Show(line.PriceWhenAdded), money.Show(info.Price)].Value
                : null;
            return new CartLineView(line.VariantId, info.ProductId, info.ReaderTitle, info.ProductSlug, info.VariantLabel, info.Sku, info.ImageUrl,
                info.SellerId, sellerNames.GetValueOrDefault(info.SellerId)?.ShopName, line.Quantity, info.Price, line.PriceWhenAdded,
                info.Price * line.Quantity, available, info.Purchasable && line.Quantity <= available, warning);
        }).ToList();
        var priced = views.Where(v => v.Orderable).Select(v =>
            new PricingLine(v.VariantId, v.ProductId, v.SellerId, infos[v.VariantId].CategoryPath, v.UnitPrice, v.Quantity, infos[v.VariantId].WeightGrams)).ToList();
        var quote = await pricing.QuoteAsync(new PricingRequest(priced, cart?.CouponCode, new Buyer(visitor.CustomerId, null), Destination: null, ShippingMethod: null));
        return new CartView(views, lines.Sum(l => l.Quantity),
            new CartTotals(quote.Currency, quote.Subtotal, quote.Discount, quote.Tax, quote.PricesIncludeTax, quote.Shipping, quote.Total), quote.Coupon);
    }
}

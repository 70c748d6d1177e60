namespace Shop.Web.Modules.Cart.Contracts;

/// <summary>The current visitor's cart (a guest's by its token, a customer's by account), for other modules' pages.</summary>
public interface IShoppingCart
{
    /// <summary>Units in the cart, for the header badge.</summary>
    Task<int> ItemCountAsync();

    /// <summary>Adds units of a variant; refused with a clear message when stock cannot cover them.</summary>
    Task AddAsync(Guid variantId, int quantity);
}

/// <summary>The signed-in customer's wishlist, for other modules' pages.</summary>
public interface IWishlist
{
    Task<bool> ContainsAsync(Guid variantId);

    Task AddAsync(Guid variantId);
}

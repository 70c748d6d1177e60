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

public sealed record CheckoutLine(Guid VariantId, int Quantity);

/// <summary>The visitor's cart as checkout takes it: locked for the caller's transaction.</summary>
/// <param name="Scope">Who owns the cart ("customer:…" or "guest:…"), so a retried request is recognised as the same buyer's.</param>
public sealed record CheckoutCart(Guid CartId, string Scope, IReadOnlyList<CheckoutLine> Lines, string? CouponCode);

/// <summary>What checkout does with the visitor's cart: steps of checkout's unit of work (ADR 0037), apart from the merge.</summary>
public interface ICartCheckout
{
    /// <summary>Merges a guest cart the signed-in visitor still carries, committing on its own; call it before opening the checkout transaction.</summary>
    Task MergeAfterSignInAsync();

    /// <summary>The visitor's cart, row-locked until the caller's transaction ends (call it inside one); null when there is none.</summary>
    Task<CheckoutCart?> LockAsync();

    /// <summary>Who owns the visitor's cart, without locking, for recognising a retried request early.</summary>
    Task<string?> ScopeAsync();

    Task ClearAsync(Guid cartId);
}

/// <summary>A line of a customer's cart as support sees it: the variant, how many and the price when added.</summary>
public sealed record CustomerCartLine(Guid VariantId, int Quantity, decimal PriceWhenAdded);

/// <summary>A customer's current cart, for support to see what they are about to buy.</summary>
public interface ICustomerCarts
{
    /// <summary>The lines of the customer's cart, oldest first; empty when they have none.</summary>
    Task<IReadOnlyList<CustomerCartLine>> LinesAsync(Guid customerId, CancellationToken cancellationToken = default);
}

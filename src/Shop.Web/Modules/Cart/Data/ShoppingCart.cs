using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shop.Web.Platform.Errors;

namespace Shop.Web.Modules.Cart.Data;

/// <summary>
/// A guest's cart (found by the hash of its token) or a customer's (one per customer). It keeps the
/// price each line had when it was added, so the cart can tell the shopper when it changed.
/// </summary>
public sealed class ShoppingCart
{
    public const int MaxQuantityPerLine = 99;

    private readonly List<CartLine> lines = [];

    private ShoppingCart() { }

    public Guid Id { get; private set; }
    public Guid? CustomerId { get; private set; }
    public string? TokenHash { get; private set; }
    public string? CouponCode { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public IReadOnlyList<CartLine> Lines => lines;

    public static ShoppingCart ForGuest(string tokenHash, DateTimeOffset now) =>
        new() { Id = Guid.CreateVersion7(now), TokenHash = tokenHash, CreatedAt = now, UpdatedAt = now };

    /// <summary>
    /// Adds units of a variant (to its line, when there is one) as long as the line stays within
    /// what is available and the per-line maximum.
    /// </summary>
    public void Add(Guid variantId, string name, int quantity, decimal price, int available, DateTimeOffset now)
    {
        var line = lines.Find(l => l.VariantId == variantId);
        var wanted = (line?.Quantity ?? 0) + quantity;
        EnsureAvailable(name, wanted, available);
        if (line is null)
            lines.Add(new CartLine(Id, variantId, quantity, price, now));
        else
            line.Quantity = wanted;
        UpdatedAt = now;
    }

    /// <summary>Sets a line's quantity; zero removes it. Returns false when the cart has no such line.</summary>
    public bool SetQuantity(Guid variantId, string name, int quantity, int available, DateTimeOffset now)
    {
        var line = lines.Find(l => l.VariantId == variantId);
        if (line is null)
            return false;
        if (quantity == 0)
            return Remove(variantId, now);
        // Lowering a quantity is always allowed, even when stock fell below it meanwhile.
        if (quantity > line.Quantity)
            EnsureAvailable(name, quantity, available);
        line.Quantity = quantity;
        UpdatedAt = now;
        return true;
    }

    public bool Remove(Guid variantId, DateTimeOffset now)
    {
        if (lines.RemoveAll(l => l.VariantId == variantId) == 0)
            return false;
        UpdatedAt = now;
        return true;
    }

    /// <summary>
    /// Takes over a guest cart at sign-in: quantities of the same variant are added, then capped by
    /// what is available (a line whose variant is sold out stays, so the shopper sees why).
    /// </summary>
    public void Absorb(ShoppingCart guest, IReadOnlyDictionary<Guid, int> available, DateTimeOffset now)
    {
        foreach (var incoming in guest.lines)
        {
            var line = lines.Find(l => l.VariantId == incoming.VariantId);
            if (line is null)
                lines.Add(line = new CartLine(Id, incoming.VariantId, incoming.Quantity, incoming.PriceWhenAdded, incoming.AddedAt));
            else
                line.Quantity += incoming.Quantity;
            var inStock = available.GetValueOrDefault(incoming.VariantId);
            line.Quantity = Math.Min(line.Quantity, Math.Min(MaxQuantityPerLine, inStock > 0 ? inStock : MaxQuantityPerLine));
        }
        CouponCode ??= guest.CouponCode;
        UpdatedAt = now;
    }

    public void ApplyCoupon(string? code, DateTimeOffset now)
    {
        CouponCode = code;
        UpdatedAt = now;
    }

    public void Clear(DateTimeOffset now)
    {
        lines.Clear();
        CouponCode = null;
        UpdatedAt = now;
    }

    private static void EnsureAvailable(string name, int wanted, int available)
    {
        if (wanted > MaxQuantityPerLine)
            throw new RuleViolationException("cart.quantity_limit", "At most {0} of {1} fit in one order.", MaxQuantityPerLine, name);
        if (available <= 0)
            throw new ConflictException("cart.out_of_stock", "{0} is out of stock.", name);
        if (wanted > available)
            throw new ConflictException("cart.insufficient_stock", "Only {0} of {1} left; you asked for {2}.", available, name, wanted);
    }
}

public sealed class CartLine
{
    private CartLine() { }

    internal CartLine(Guid cartId, Guid variantId, int quantity, decimal priceWhenAdded, DateTimeOffset addedAt)
    {
        CartId = cartId;
        VariantId = variantId;
        Quantity = quantity;
        PriceWhenAdded = priceWhenAdded;
        AddedAt = addedAt;
    }

    public Guid CartId { get; private set; }
    public Guid VariantId { get; private set; }
    public int Quantity { get; internal set; }
    public decimal PriceWhenAdded { get; private set; }
    public DateTimeOffset AddedAt { get; private set; }
}

/// <summary>A variant a customer keeps for later.</summary>
public sealed class WishlistItem
{
    private WishlistItem() { }

    public WishlistItem(Guid customerId, Guid variantId, DateTimeOffset addedAt)
    {
        CustomerId = customerId;
        VariantId = variantId;
        AddedAt = addedAt;
    }

    public Guid CustomerId { get; private set; }
    public Guid VariantId { get; private set; }
    public DateTimeOffset AddedAt { get; private set; }
}

internal sealed class ShoppingCartConfiguration : IEntityTypeConfiguration<ShoppingCart>
{
    public void Configure(EntityTypeBuilder<ShoppingCart> builder)
    {
        builder.ToTable("carts", "cart", table => table.HasCheckConstraint("ck_carts_owner", "(customer_id IS NULL) <> (token_hash IS NULL)"));
        builder.HasKey(c => c.Id);
        builder.Property(c => c.TokenHash).HasMaxLength(64);
        builder.Property(c => c.CouponCode).HasMaxLength(40);
        builder.HasIndex(c => c.CustomerId).IsUnique();
        builder.HasIndex(c => c.TokenHash).IsUnique();
        builder.HasIndex(c => c.UpdatedAt).HasFilter("customer_id IS NULL");
        builder.HasMany(c => c.Lines).WithOne().HasForeignKey(l => l.CartId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Lines).HasField("lines").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class CartLineConfiguration : IEntityTypeConfiguration<CartLine>
{
    public void Configure(EntityTypeBuilder<CartLine> builder)
    {
        builder.ToTable("cart_lines", "cart", table => table.HasCheckConstraint("ck_cart_lines_quantity", "quantity > 0"));
        builder.HasKey(l => new { l.CartId, l.VariantId });
        builder.Property(l => l.PriceWhenAdded).HasPrecision(12, 2);
    }
}

internal sealed class WishlistItemConfiguration : IEntityTypeConfiguration<WishlistItem>
{
    public void Configure(EntityTypeBuilder<WishlistItem> builder)
    {
        builder.ToTable("wishlist_items", "cart");
        builder.HasKey(w => new { w.CustomerId, w.VariantId });
    }
}

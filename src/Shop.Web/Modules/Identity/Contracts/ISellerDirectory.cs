namespace Shop.Web.Modules.Identity.Contracts;

public sealed record SellerProfile(Guid SellerId, string ShopName);

/// <summary>Who sells: the shop names of approved sellers, for listings and product pages.</summary>
public interface ISellerDirectory
{
    Task<IReadOnlyDictionary<Guid, SellerProfile>> FindAsync(IReadOnlyCollection<Guid> sellerIds);

    Task<IReadOnlyList<SellerProfile>> AllAsync();
}

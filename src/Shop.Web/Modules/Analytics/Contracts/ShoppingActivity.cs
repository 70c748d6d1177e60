namespace Shop.Web.Modules.Analytics.Contracts;

/// <summary>
/// Steps shoppers take, for the conversion funnel and search insight. Recording is an in-memory
/// count (no database round trip on the request); counts reach the database in batches.
/// </summary>
public interface IShoppingActivity
{
    void ProductViewed(Guid sellerId);

    void AddedToCart();

    void CheckoutStarted();

    /// <summary>A search as typed (first page only) and how many products it found.</summary>
    void Searched(string query, int results);
}

namespace Shop.Web.Modules.Analytics.Contracts;

/// <summary>
/// Steps shoppers take, for the conversion funnel and search insight. Recording is an in-memory
/// note (no database round trip on the request); notes reach the database in batches. Each funnel
/// step counts a visitor once a day, however often they take it and whichever instance serves them.
/// </summary>
/// <remarks>
/// A visitor is the browser's id (<c>Platform.Visitors.VisitorCookie</c>), for a signed-in customer
/// too; a caller serving a client that keeps no cookies passes the most stable id it has instead
/// (the cart, the customer, the order).
/// </remarks>
public interface IShoppingActivity
{
    /// <summary>A product page viewed; the seller's view count grows by every view.</summary>
    void ProductViewed(Guid visitor, Guid sellerId);

    void AddedToCart(Guid visitor);

    void CheckoutStarted(Guid visitor);

    /// <summary>An order placed (counted when placed, whatever becomes of it).</summary>
    void Ordered(Guid visitor);

    /// <summary>A search as typed (first page only) and how many products it found.</summary>
    void Searched(string query, int results);
}

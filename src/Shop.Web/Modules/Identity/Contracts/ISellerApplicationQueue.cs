namespace Shop.Web.Modules.Identity.Contracts;

public sealed record PendingSellerApplication(Guid ApplicationId, string ShopName, DateTimeOffset SubmittedAt);

public interface ISellerApplicationQueue
{
    /// <summary>Applications waiting for an admin's decision, oldest first.</summary>
    Task<IReadOnlyList<PendingSellerApplication>> PendingAsync(int limit, CancellationToken cancellationToken = default);
}

namespace Shop.Web.Modules.Ledger.Contracts;

public sealed record Payout(decimal Amount, DateTimeOffset At);

public sealed record AccountGlance(decimal Balance, string Currency, Payout? LastPayout);

public interface ISellerAccountGlance
{
    /// <summary>The seller's balance and the latest payout recorded to them.</summary>
    Task<AccountGlance> GlanceAsync(Guid sellerId, CancellationToken cancellationToken = default);
}

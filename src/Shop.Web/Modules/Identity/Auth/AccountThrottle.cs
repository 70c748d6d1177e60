using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Shop.Web.Platform.Errors;
using Shop.Web.Platform.Security;

namespace Shop.Web.Modules.Identity.Auth;

/// <summary>
/// Limits how often one account can be tried (sign-in, registration, reset mails), whichever
/// addresses the attempts come from; the per-address limit is the "authentication" policy.
/// </summary>
public sealed class AccountThrottle(IOptions<RateLimitOptions> limits) : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(account =>
        RateLimitPartition.GetFixedWindowLimiter(account, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limits.Value.AccountAttemptsPerWindow,
            Window = limits.Value.AccountWindow,
        }));

    /// <summary>Counts one attempt for the account; throws a 429 once the window's attempts are used up.</summary>
    public void Attempt(string action, string email)
    {
        using var lease = limiter.AttemptAcquire($"{action}:{email.Trim().ToUpperInvariant()}");
        if (!lease.IsAcquired)
            throw new TooManyAttemptsException();
    }

    public void Dispose() => limiter.Dispose();

}

public sealed class TooManyAttemptsException()
    : DomainException("too_many_attempts", "Too many attempts for this account. Please wait a few minutes and try again.")
{
    public override int StatusCode => StatusCodes.Status429TooManyRequests;
}

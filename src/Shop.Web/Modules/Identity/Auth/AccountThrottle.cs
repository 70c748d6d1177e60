using System.Threading.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Shop.Web.Platform.Errors;
using Shop.Web.Platform.Localization;
using Shop.Web.Platform.Security;

namespace Shop.Web.Modules.Identity.Auth;

/// <summary>
/// Limits how often one account can be tried (sign-in, registration, reset mails), whichever
/// addresses and instances the attempts come from; the per-address limit is the "authentication" policy.
/// </summary>
public sealed class AccountThrottle(IOptions<RateLimitOptions> limits, SharedRateLimitCounters counters, IStringLocalizer<Strings> T) : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(account =>
        counters.FixedWindow(account, limits.Value.AccountAttemptsPerWindow, limits.Value.AccountWindow));

    /// <summary>Counts one attempt for the account; throws a 429 once the window's attempts are used up.</summary>
    public async Task AttemptAsync(string action, string email)
    {
        using var lease = await limiter.AcquireAsync($"account:{action}:{email.Trim().ToUpperInvariant()}");
        if (lease.IsAcquired)
            return;
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : limits.Value.AccountWindow;
        throw new TooManyAttemptsException(T["Too many attempts for this account. Please wait {0} and try again.", WaitTime.Words(retryAfter, T)], retryAfter);
    }

    public void Dispose() => limiter.Dispose();
}

public sealed class TooManyAttemptsException(string message, TimeSpan retryAfter) : TooManyRequestsException("too_many_attempts", message, retryAfter);

using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Shop.Web.Platform.Errors;

/// <summary>How long someone must wait before trying again, as a Retry-After header and in words.</summary>
public static class WaitTime
{
    /// <summary>Whole seconds, at least one: a Retry-After of 0 would invite an immediate retry.</summary>
    public static int Seconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));

    /// <summary>
    /// "40 seconds", "1 minute", "12 minutes": rounded up, so waiting that long is enough. In the reader's language
    /// through <paramref name="texts"/>; in English without.
    /// </summary>
    public static string Words(TimeSpan wait, IStringLocalizer? texts = null)
    {
        var seconds = Seconds(wait);
        var (count, one, many) = seconds < 60 ? (seconds, "1 second", "{0} seconds") : ((seconds + 59) / 60, "1 minute", "{0} minutes");
        var text = count == 1 ? one : many;
        return texts is null ? string.Format(CultureInfo.InvariantCulture, text, count) : texts[text, count];
    }
}

/// <summary>Too many attempts of something: 429, with how long to wait (the API answer carries it as Retry-After).</summary>
public class TooManyRequestsException(string code, string message, TimeSpan retryAfter) : DomainException(code, message)
{
    public TimeSpan RetryAfter { get; } = retryAfter;

    public override int StatusCode => StatusCodes.Status429TooManyRequests;
}

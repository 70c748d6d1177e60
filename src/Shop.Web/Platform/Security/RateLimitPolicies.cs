namespace Shop.Web.Platform.Security;

/// <summary>Names of the rate-limit policies endpoints opt into with RequireRateLimiting.</summary>
public static class RateLimitPolicies
{
    /// <summary>Sign-in, registration, password reset: strict, per client address.</summary>
    public const string Authentication = "authentication";

    /// <summary>Ordinary API traffic: generous, per signed-in user or client address.</summary>
    public const string Api = "api";
}

public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    public int AuthenticationPermitsPerMinute { get; set; } = 20;

    public int ApiPermitsPerMinute { get; set; } = 600;

    /// <summary>Attempts on one account (sign-in, registration, reset mails) per window, from anywhere.</summary>
    public int AccountAttemptsPerWindow { get; set; } = 10;

    public TimeSpan AccountWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Texted codes per account, and per phone number, per window: each costs money and wakes a phone.</summary>
    public int TextedCodesPerWindow { get; set; } = 3;

    public TimeSpan TextedCodeWindow { get; set; } = TimeSpan.FromHours(1);
}

namespace Shop.Web.Modules.Identity.Auth;

/// <summary>Codes as people type them, in the form Identity compares.</summary>
public static class TwoFactorCodes
{
    /// <summary>Authenticator codes: "123 456" or "123-456" is 123456.</summary>
    public static string Authenticator(string code) => code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);

    /// <summary>Recovery codes keep their dash ("abcde-fghij"); only spaces go.</summary>
    public static string Recovery(string code) => code.Replace(" ", "", StringComparison.Ordinal);
}

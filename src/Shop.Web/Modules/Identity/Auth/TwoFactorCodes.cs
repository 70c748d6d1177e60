namespace Shop.Web.Modules.Identity.Auth;

public static class TwoFactorCodes
{
    /// <summary>Codes as people type them ("123 456", "abcd-efgh") in the form Identity compares.</summary>
    public static string Normalize(string code) => code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
}

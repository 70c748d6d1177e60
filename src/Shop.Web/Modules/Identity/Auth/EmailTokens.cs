using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Shop.Web.Modules.Identity.Auth;

/// <summary>Identity tokens travel in links base64url-encoded, so they survive query strings.</summary>
internal static class EmailTokens
{
    public static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    public static string? Decode(string code)
    {
        try { return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code)); }
        catch (FormatException) { return null; }
    }
}

using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Platform.Visitors;

namespace Shop.Web.Modules.Cart.Shopping;

/// <summary>
/// Who the cart belongs to on this request: the signed-in customer, or a guest identified by the
/// cart cookie (pages) or the <c>X-Cart-Token</c> header (API clients). Only the token's hash is stored.
/// </summary>
public sealed partial class CartVisitor(IHttpContextAccessor http)
{
    public const string CookieName = "shop_cart";
    public const string TokenHeader = "X-Cart-Token";

    private HttpContext Context => http.HttpContext ?? throw new InvalidOperationException("The cart is only reachable within a request.");

    public Guid? CustomerId => Context.User.Identity?.IsAuthenticated == true ? Context.User.UserId() : null;

    /// <summary>The browser's visitor id, when the request carries one (API clients may keep no cookies).</summary>
    public Guid? BrowserId => VisitorCookie.Find(Context);

    /// <summary>The guest cart's token this request carries, if well formed.</summary>
    public string? GuestToken
    {
        get
        {
            var token = Context.Request.Headers[TokenHeader].FirstOrDefault() ?? Context.Request.Cookies[CookieName];
            return token is not null && TokenShape().IsMatch(token) ? token : null;
        }
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Creates a guest token and hands it to the browser (cookie) and to API clients (header).</summary>
    public string IssueGuestToken()
    {
        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        Context.Response.Cookies.Append(CookieName, token, new CookieOptions
        {
            HttpOnly = true, IsEssential = true, SameSite = SameSiteMode.Lax, Secure = Context.Request.IsHttps,
            MaxAge = TimeSpan.FromDays(30),
        });
        Context.Response.Headers[TokenHeader] = token;
        return token;
    }

    /// <summary>The guest cart was taken over by the customer's; the browser can drop its cookie.</summary>
    public void ForgetGuestToken()
    {
        if (Context.Request.Cookies.ContainsKey(CookieName) && !Context.Response.HasStarted)
            Context.Response.Cookies.Delete(CookieName);
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{43}$")]
    private static partial Regex TokenShape();
}

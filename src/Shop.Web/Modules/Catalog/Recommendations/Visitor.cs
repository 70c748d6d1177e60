using System.Security.Claims;
using Shop.Web.Modules.Identity.Contracts;

namespace Shop.Web.Modules.Catalog.Recommendations;

/// <summary>
/// Who is browsing, for view history: a signed-in customer by account, anyone else by a random
/// visitor id in a cookie. A customer also sees what this browser viewed before signing in.
/// </summary>
public static class Visitor
{
    public const string CookieName = "shop_visitor";

    /// <summary>The keys whose views this request may read.</summary>
    public static IReadOnlyList<string> Keys(HttpContext context)
    {
        var keys = new List<string>(2);
        if (UserKey(context.User) is { } user)
            keys.Add(user);
        if (CookieId(context) is { } visitor)
            keys.Add($"v:{visitor:N}");
        return keys;
    }

    /// <summary>The key a view is recorded under; gives a new browser its visitor cookie.</summary>
    public static string? RecordingKey(HttpContext context)
    {
        if (UserKey(context.User) is { } user)
            return user;
        if (CookieId(context) is { } visitor)
            return $"v:{visitor:N}";
        if (context.Response.HasStarted)
            return null;
        var id = Guid.NewGuid();
        context.Response.Cookies.Append(CookieName, id.ToString("N"), new CookieOptions
        {
            HttpOnly = true, IsEssential = true, SameSite = SameSiteMode.Lax, Secure = context.Request.IsHttps, MaxAge = TimeSpan.FromDays(180),
        });
        return $"v:{id:N}";
    }

    private static string? UserKey(ClaimsPrincipal user) => user.Identity?.IsAuthenticated == true ? $"u:{user.UserId():N}" : null;

    private static Guid? CookieId(HttpContext context) =>
        Guid.TryParseExact(context.Request.Cookies[CookieName], "N", out var id) ? id : null;
}

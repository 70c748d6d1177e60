using System.Security.Claims;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Platform.Visitors;

namespace Shop.Web.Modules.Catalog.Recommendations;

/// <summary>
/// Who is browsing, for view history: a signed-in customer by account, anyone else by the browser's
/// visitor id (<see cref="VisitorCookie"/>). A customer also sees what this browser viewed before signing in.
/// </summary>
public static class Visitor
{
    /// <summary>The keys whose views this request may read.</summary>
    public static IReadOnlyList<string> Keys(HttpContext context)
    {
        var keys = new List<string>(2);
        if (UserKey(context.User) is { } user)
            keys.Add(user);
        if (VisitorCookie.Find(context) is { } visitor)
            keys.Add($"v:{visitor:N}");
        return keys;
    }

    /// <summary>The key a view is recorded under.</summary>
    public static string RecordingKey(HttpContext context) => UserKey(context.User) ?? $"v:{VisitorCookie.Ensure(context):N}";

    private static string? UserKey(ClaimsPrincipal user) => user.Identity?.IsAuthenticated == true ? $"u:{user.UserId():N}" : null;
}

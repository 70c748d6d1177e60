using Microsoft.AspNetCore.Components.Endpoints;

namespace Shop.Web.Platform.Visitors;

/// <summary>
/// A browser's random, long-lived visitor id in the <c>shop_visitor</c> cookie (HttpOnly, SameSite=Lax,
/// Secure over HTTPS, 180 days), signed in or not: what view history and the conversion funnel
/// recognise a returning browser by. Every page response gives a browser without one its id, so the
/// API calls its scripts make afterwards carry it too.
/// </summary>
public static class VisitorCookie
{
    public const string Name = "shop_visitor";

    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(180);
    private static readonly object IssuedKey = new();

    /// <summary>The id this request carries (or was given while being served); null for clients that keep no cookies.</summary>
    public static Guid? Find(HttpContext context) =>
        context.Items.TryGetValue(IssuedKey, out var issued) ? (Guid)issued!
        : Guid.TryParseExact(context.Request.Cookies[Name], "N", out var id) ? id : null;

    /// <summary>The request's id, issuing one when it has none (an id issued once the response has started reaches no browser).</summary>
    public static Guid Ensure(HttpContext context)
    {
        if (Find(context) is { } known)
            return known;
        var id = Guid.NewGuid();
        context.Items[IssuedKey] = id;
        if (!context.Response.HasStarted)
            context.Response.Cookies.Append(Name, id.ToString("N"), new CookieOptions
            {
                HttpOnly = true, IsEssential = true, SameSite = SameSiteMode.Lax, Secure = context.Request.IsHttps, MaxAge = Lifetime,
            });
        return id;
    }

    /// <summary>Gives pages' responses the cookie when the browser has none; a cookie read, nothing more, for every other request.</summary>
    public static IApplicationBuilder UseVisitorCookie(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is not null)
            Ensure(context);
        return next(context);
    });
}

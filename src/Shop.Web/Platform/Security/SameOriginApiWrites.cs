using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Shop.Web.Platform.Errors;

namespace Shop.Web.Platform.Security;

/// <summary>
/// The API accepts the sign-in cookie as well as bearer tokens, and browsers attach cookies to
/// requests that other origins start. So an API call that changes state and is authenticated by the
/// cookie must show it comes from this shop's own pages: Sec-Fetch-Site or Origin naming this
/// origin, or a valid anti-forgery token. Bearer calls carry their credential explicitly and pass
/// as they are.
/// </summary>
public static class SameOriginApiWrites
{
    public const string RefusalCode = "request.cross_origin";

    public static IApplicationBuilder UseSameOriginApiWrites(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (ChangesStateWithCookie(context) && !IsSameOrigin(context.Request)
            && !await context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status403Forbidden,
                    Detail = "A request signed in with the shop's cookie must come from the shop's own pages, or send an anti-forgery token.",
                    Extensions = { ["code"] = RefusalCode },
                },
            });
            return;
        }
        await next(context);
    });

    private static bool ChangesStateWithCookie(HttpContext context) =>
        context.Request.IsApiRequest()
        && !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsOptions(context.Request.Method)
             || HttpMethods.IsTrace(context.Request.Method))
        && context.User.Identity?.IsAuthenticated == true
        && context.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult?.Ticket?.AuthenticationScheme == IdentityConstants.ApplicationScheme;

    // Browsers set Sec-Fetch-Site themselves (pages cannot), and it holds where a proxy rewrote Host
    // without the port; Origin covers browsers that do not send it.
    private static bool IsSameOrigin(HttpRequest request) =>
        request.Headers["Sec-Fetch-Site"] == "same-origin"
        || string.Equals(request.Headers.Origin.ToString(), $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase);
}

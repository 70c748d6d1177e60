namespace Shop.Web.Platform.Security;

/// <summary>Headers every response carries; the policy allows only this origin's scripts and styles.</summary>
internal static class SecurityHeaders
{
    // Checkout and order pages redirect a submitted form to a payment provider's hosted page, which
    // browsers check against form-action.
    private const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; " +
        "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self' https://checkout.stripe.com; frame-ancestors 'none'";

    // Razorpay's checkout is its own script and frame on the page that opens it.
    private const string RazorpayContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data: https:; style-src 'self' 'unsafe-inline'; script-src 'self' https://checkout.razorpay.com; " +
        "connect-src 'self' https://api.razorpay.com https://lumberjack.razorpay.com; frame-src https://api.razorpay.com https://checkout.razorpay.com; " +
        "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    // The API browser ships its own inline styles and scripts.
    private const string ApiDocsContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'; " +
        "object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

    // An email as mail programs show it: inline styles, no scripts, framed only by the admin's preview page.
    private const string EmailPreviewContentSecurityPolicy =
        "default-src 'none'; img-src 'self' data: https:; style-src 'unsafe-inline'; sandbox; frame-ancestors 'self'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            var emailPreview = context.Request.Path.StartsWithSegments("/admin/email-preview");
            headers.XFrameOptions = emailPreview ? "SAMEORIGIN" : "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers.ContentSecurityPolicy = emailPreview ? EmailPreviewContentSecurityPolicy
                : context.Request.Path.StartsWithSegments("/api/docs") ? ApiDocsContentSecurityPolicy
                : context.Request.Path.StartsWithSegments("/payments/razorpay") ? RazorpayContentSecurityPolicy
                : ContentSecurityPolicy;
            return Task.CompletedTask;
        });
        await next(context);
    });
}

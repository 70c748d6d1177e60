using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Shop.Web.Platform.Database;

namespace Shop.Web.Platform.Security;

public static class SecuritySetup
{
    public static WebApplicationBuilder AddSecurity(this WebApplicationBuilder builder)
    {
        builder.Services.AddDataProtection().SetApplicationName("Shop").PersistKeysToDbContext<ShopDbContext>();

        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            foreach (var proxy in builder.Configuration.GetSection("ReverseProxy:KnownProxies").Get<string[]>() ?? [])
                options.KnownProxies.Add(IPAddress.Parse(proxy));
        });

        builder.Services.AddAntiforgery(options => options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        builder.Services.AddOptions<RateLimitOptions>().Bind(builder.Configuration.GetSection(RateLimitOptions.Section));
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddSharedRateLimitCounters();
        builder.Services.AddSingleton<IConfigureOptions<RateLimiterOptions>, ConfigureRateLimits>();
        return builder;
    }

    public static WebApplication UseSecurity(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
            app.UseHsts();
        app.UseSecurityHeaders();
        return app;
    }

    private sealed class ConfigureRateLimits(IOptions<RateLimitOptions> limits, SharedRateLimitCounters counters) : IConfigureOptions<RateLimiterOptions>
    {
        public void Configure(RateLimiterOptions options)
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Counted in the database: the limit protects accounts however many instances serve the attempts.
            options.AddPolicy(RateLimitPolicies.Authentication, context => counters.FixedWindow(
                $"{RateLimitPolicies.Authentication}:{ClientAddress(context)}", limits.Value.AuthenticationPermitsPerMinute, TimeSpan.FromMinutes(1)));
            options.AddPolicy(RateLimitPolicies.Api, context => RateLimitPartition.GetTokenBucketLimiter(
                context.User.Identity?.IsAuthenticated == true ? $"user:{context.User.Identity.Name}" : ClientAddress(context),
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = limits.Value.ApiPermitsPerMinute,
                    TokensPerPeriod = limits.Value.ApiPermitsPerMinute,
                    ReplenishmentPeriod = TimeSpan.FromMinutes(1),
                }));
            options.OnRejected = RateLimitRejection.WriteAsync;
        }

        private static string ClientAddress(HttpContext context) => $"ip:{context.Connection.RemoteIpAddress}";
    }
}

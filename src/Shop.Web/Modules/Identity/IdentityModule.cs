using Microsoft.AspNetCore.Identity;
using Shop.Web.Modules.Identity.Data;
using Shop.Web.Modules.Identity.FirstAdmin;
using Shop.Web.Platform.Commands;
using Shop.Web.Platform.Database;

namespace Shop.Web.Modules.Identity;

public static class IdentityModule
{
    public static WebApplicationBuilder AddIdentity(this WebApplicationBuilder builder)
    {
        builder.Services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        builder.Services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/account/sign-in";
            options.AccessDeniedPath = "/account/access-denied";
            options.Cookie.Name = "shop.auth";
        });
        builder.Services.AddIdentityCore<ShopUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 10;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddRoles<ShopRole>()
            .AddEntityFrameworkStores<ShopDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        // Every endpoint and page states its rule ([Authorize], a role policy or [AllowAnonymous]);
        // a test fails on any that does not. No fallback policy, so unknown paths stay 404s.
        builder.Services.AddAuthorization();
        builder.Services.AddCascadingAuthenticationState();

        builder.Services.AddOptions<FirstAdminOptions>().Bind(builder.Configuration.GetSection(FirstAdminOptions.Section));
        builder.Services.AddScoped<ISetupStep, FirstAdminSetup>();
        return builder;
    }
}

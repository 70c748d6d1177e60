using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Shop.Web.Modules.Identity.Addresses;
using Shop.Web.Modules.Identity.Auth;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Modules.Identity.Data;
using Shop.Web.Modules.Identity.Demo;
using Shop.Web.Modules.Identity.Emails;
using Shop.Web.Modules.Identity.FirstAdmin;
using Shop.Web.Modules.Identity.Language;
using Shop.Web.Modules.Identity.PasswordReset;
using Shop.Web.Modules.Identity.Profile;
using Shop.Web.Modules.Identity.Registration;
using Shop.Web.Modules.Identity.SellerApplications;
using Shop.Web.Modules.Identity.SignIn;
using Shop.Web.Modules.Identity.TwoFactor;
using Shop.Web.Modules.Identity.UserAdmin;
using Shop.Web.Platform.Commands;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Errors;
using Shop.Web.Platform.Outbox;

namespace Shop.Web.Modules.Identity;

public sealed class IdentitySettings
{
    public const string Section = "Identity";

    /// <summary>When on, admin pages and endpoints require an account with two-factor sign-in.</summary>
    public bool RequireTwoFactorForAdmins { get; set; }
}

public static class IdentityModule
{
    /// <summary>Chooses per request: a bearer token when one is sent, otherwise the sign-in cookie.</summary>
    private const string CookieOrBearer = "CookieOrBearer";

    public static WebApplicationBuilder AddIdentity(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(IdentitySettings.Section).Get<IdentitySettings>() ?? new IdentitySettings();
        builder.Services.AddOptions<ApiTokenOptions>().BindConfiguration("ApiTokens");

        builder.Services.AddAuthentication(options =>
            {
                options.DefaultScheme = CookieOrBearer;
                options.DefaultChallengeScheme = CookieOrBearer;
            })
            .AddPolicyScheme(CookieOrBearer, CookieOrBearer, options => options.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? IdentityConstants.BearerScheme
                    : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme)
            .AddIdentityCookies();
        builder.Services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/account/sign-in";
            options.LogoutPath = "/account/sign-out";
            options.AccessDeniedPath = "/account/access-denied";
            options.Cookie.Name = "shop.auth";
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = TimeSpan.FromDays(14);
            options.SlidingExpiration = true;
            // API callers get status codes, not redirects to the sign-in page.
            options.Events.OnRedirectToLogin = context => ApiAwareRedirect(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => ApiAwareRedirect(context, StatusCodes.Status403Forbidden);
        });
        builder.Services.AddTransient<IClaimsTransformation, CurrentSessionCheck>();
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, ChallengeEndedSessions>();

        builder.Services.AddIdentityCore<ShopUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 10;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireDigit = false;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Tokens.PasswordResetTokenProvider = PasswordResetTokenProvider.ProviderName;
            })
            .AddRoles<ShopRole>()
            .AddEntityFrameworkStores<ShopDbContext>()
            .AddSignInManager<ShopSignInManager>()
            .AddErrorDescriber<LocalizedIdentityErrors>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<PasswordResetTokenProvider>(PasswordResetTokenProvider.ProviderName)
            .AddPasswordValidator<PasswordRules>();
        builder.Services.Configure<DataProtectionTokenProviderOptions>(options => options.TokenLifespan = TimeSpan.FromDays(2));

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Admin, policy =>
            {
                policy.RequireRole(Roles.Admin);
                if (settings.RequireTwoFactorForAdmins)
                    policy.RequireClaim(CurrentSessionCheck.TwoFactorClaim);
            })
            .AddPolicy(Policies.Seller, policy => policy.RequireRole(Roles.Seller, Roles.Admin))
            .AddPolicy(Policies.Support, policy => policy.RequireRole(Roles.Support, Roles.Admin));
        builder.Services.AddCascadingAuthenticationState();

        builder.Services.AddSingleton<AccountThrottle>();
        builder.Services.AddScoped<ApiTokens>();
        builder.Services.AddScoped<AccountRegistration>();
        builder.Services.AddScoped<ApiSignIn>();
        builder.Services.AddScoped<WebSignIn>();
        builder.Services.AddScoped<CookieSession>();
        builder.Services.AddScoped<PasswordRecovery>();
        builder.Services.AddScoped<AccountProfile>();
        builder.Services.AddScoped<PhoneVerification>();
        builder.Services.AddScoped<AddressBook>();
        builder.Services.AddScoped<SellerOnboarding>();
        builder.Services.AddScoped<UserAdministration>();
        builder.Services.AddScoped<TwoFactorSetup>();
        builder.Services.AddScoped<ISellerDirectory, SellerDirectory>();
        builder.Services.AddScoped<ISellerApplicationQueue, SellerApplicationQueue>();
        builder.Services.AddScoped<ICustomerDirectory, CustomerDirectory>();
        builder.Services.AddScoped<IStaffDirectory, StaffDirectory>();

        builder.Services.AddIntegrationEventHandler<EmailConfirmationRequested, AccountEmails>();
        builder.Services.AddIntegrationEventHandler<RegistrationAttemptedForExistingAccount, AccountEmails>();
        builder.Services.AddIntegrationEventHandler<PasswordResetRequested, AccountEmails>();
        builder.Services.AddIntegrationEventHandler<EmailChangeRequested, AccountEmails>();
        builder.Services.AddIntegrationEventHandler<SellerApplicationDecided, AccountEmails>();

        builder.Services.AddOptions<FirstAdminOptions>().Bind(builder.Configuration.GetSection(FirstAdminOptions.Section));
        builder.Services.AddScoped<ISetupStep, FirstAdminSetup>();
        builder.Services.AddOptions<DemoOptions>().Bind(builder.Configuration.GetSection(DemoOptions.Section));
        builder.Services.AddScoped<ISetupStep, DemoAccountsSetup>();
        return builder;
    }

    public static WebApplication MapIdentity(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1");
        api.MapAuthEndpoints();
        api.MapProfileEndpoints();
        api.MapAddressEndpoints();
        api.MapSellerApplicationEndpoints();
        api.MapUserAdminEndpoints();
        app.MapSignOut();
        app.MapLanguageChoice();
        return app;
    }

    private static Task ApiAwareRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.IsApiRequest())
            context.Response.StatusCode = status;
        else
            context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}

using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Localization;

namespace Shop.Web.Platform.Localization;

/// <summary>
/// Each request's culture: the shopper's choice (the culture cookie, which signing in sets from the account),
/// else the browser's Accept-Language, else the default. Culture and UI culture are the same, so texts, dates,
/// numbers and money follow one choice.
/// </summary>
public static class LocalizationSetup
{
    public static WebApplicationBuilder AddLocalizationSupport(this WebApplicationBuilder builder)
    {
        builder.Services.AddLocalization();
        // Pages carry Devanagari (and ₹) as text rather than a numeric entity per letter.
        builder.Services.AddWebEncoders(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        builder.Services.Configure<RequestLocalizationOptions>(options =>
        {
            var cultures = ShopLanguages.All.Select(l => l.Culture).ToArray();
            options.SetDefaultCulture(ShopLanguages.Default.Culture).AddSupportedCultures(cultures).AddSupportedUICultures(cultures);
            options.RequestCultureProviders = [new CookieRequestCultureProvider(), new BrowserLanguageProvider()];
        });
        return builder;
    }

    public static WebApplication UseLocalizationSupport(this WebApplication app)
    {
        app.UseRequestLocalization();
        return app;
    }

    /// <summary>
    /// Accept-Language matched by language rather than exact culture: browsers often send "hi" or "hi-Latn" alone,
    /// which the framework's provider would not match to hi-IN.
    /// </summary>
    private sealed class BrowserLanguageProvider : RequestCultureProvider
    {
        public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
        {
            var header = httpContext.Request.GetTypedHeaders().AcceptLanguage;
            var language = header
                .Where(value => value.Quality is not 0)
                .OrderByDescending(value => value.Quality ?? 1)
                .Select(value => ShopLanguages.Find(value.Value.Value))
                .FirstOrDefault(found => found is not null);
            return Task.FromResult(language is null ? null : new ProviderCultureResult(language.Culture));
        }
    }
}

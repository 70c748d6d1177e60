using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Shop.Web.Platform.Localization;

/// <summary>A language the shop speaks: its culture (which also formats dates, numbers and money) and its name in itself.</summary>
public sealed record ShopLanguage(string Culture, string Name)
{
    /// <summary>The two-letter code, as email template folders and stored choices are named ("hi").</summary>
    public string Code => CultureInfo.GetCultureInfo(Culture).TwoLetterISOLanguageName;
}

/// <summary>The languages of the storefront. The first is the default, the one every text is written in first.</summary>
public static class ShopLanguages
{
    public static readonly IReadOnlyList<ShopLanguage> All = [new("en-IN", "English"), new("hi-IN", "हिन्दी")];

    public static ShopLanguage Default => All[0];

    /// <summary>The language for a culture or language code ("hi", "hi-IN"), or null when the shop does not speak it.</summary>
    public static ShopLanguage? Find(string? cultureOrCode) =>
        string.IsNullOrWhiteSpace(cultureOrCode) ? null
        : All.FirstOrDefault(l => string.Equals(l.Culture, cultureOrCode, StringComparison.OrdinalIgnoreCase))
          ?? All.FirstOrDefault(l => string.Equals(l.Code, cultureOrCode.Split('-')[0], StringComparison.OrdinalIgnoreCase));

    /// <summary>The language of the request being served (or of the message being rendered).</summary>
    public static ShopLanguage Current => Find(CultureInfo.CurrentUICulture.Name) ?? Default;

    /// <summary>Remembers a shopper's choice in the framework's culture cookie, for a year.</summary>
    public static void Remember(HttpResponse response, ShopLanguage language) =>
        response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(language.Culture)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = response.HttpContext.Request.IsHttps });

    /// <summary>Runs <paramref name="work"/> with the language's culture current, as a request in it would.</summary>
    public static T In<T>(ShopLanguage language, Func<T> work)
    {
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language.Culture);
        try
        {
            return work();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
    }
}

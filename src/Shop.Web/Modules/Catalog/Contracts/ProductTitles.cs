using Shop.Web.Platform.Localization;

namespace Shop.Web.Modules.Catalog.Contracts;

/// <summary>
/// Which of a product's titles a reader sees. Cards, carts and lists carry the Hindi title beside the
/// default one (a cached listing serves readers of either language) and pick when they are shown.
/// </summary>
public static class ProductTitles
{
    /// <summary>The language code the seller's other title is written in.</summary>
    public const string Hindi = "hi";

    /// <summary>The seller's title in <paramref name="language"/>, or the default title where they gave none.</summary>
    public static string In(ShopLanguage language, string title, string? hindiTitle) =>
        language.Code == Hindi && !string.IsNullOrEmpty(hindiTitle) ? hindiTitle : title;

    /// <summary>The title for the reader of the request being served.</summary>
    public static string ForReader(string title, string? hindiTitle) => In(ShopLanguages.Current, title, hindiTitle);
}

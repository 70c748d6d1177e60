using HandlebarsDotNet;
using Shop.Web.Modules.Content.Contracts;
using Shop.Web.Modules.Content.Data;
using Shop.Web.Modules.Pricing.Contracts;

namespace Shop.Web.Modules.Content.Setup;

/// <summary>What the starter pages say about this shop, read from its settings when they are written.</summary>
public sealed record ShopFacts(
    string Name, string Tagline, string SupportEmail, string SupportPhone, IReadOnlyList<ShippingTerms> Shipping,
    IReadOnlyList<string> PaymentMethods, IReadOnlyList<string> Categories, Func<decimal, string> ShowMoney);

/// <summary>
/// A new shop's about, help, shipping, returns, privacy and terms pages: the Markdown templates in
/// Setup/Starter filled in with the shop's own rules (shipping methods and rates, payment methods,
/// categories, contacts), for admins to adapt.
/// </summary>
public static class StarterPages
{
    private sealed record ShippingRow(string Name, string Delivery, string Cost);

    // Markdown, not HTML: nothing to escape (the pages render with raw HTML disabled).
    private static readonly IHandlebars Templates = Handlebars.Create(new HandlebarsConfiguration { NoEscape = true });

    public static IReadOnlyList<PageContent> For(ShopFacts shop)
    {
        var model = new
        {
            shop.Name,
            Tagline = shop.Tagline.TrimEnd('.'),
            shop.SupportEmail,
            shop.SupportPhone,
            Shipping = shop.Shipping.Select(m => new ShippingRow(m.Name, m.DeliveryEstimate ?? "—", Cost(m, shop.ShowMoney))).ToList(),
            ChargesByWeight = shop.Shipping.Any(m => m.PerKgRate > 0),
            HasFreeShipping = shop.Shipping.Any(m => m.FreeOver is not null),
            HasRegionalRates = shop.Shipping.Any(m => m.HasRegionalRates),
            shop.PaymentMethods,
            Categories = Listed(shop.Categories),
        };
        PageContent Page(string title, string slug, FooterColumn column) => new(title, slug, Render(slug, model), column, IsPublished: true);
        return
        [
            Page($"About {shop.Name}", "about", FooterColumn.Company),
            Page("Help and contact", "help-and-contact", FooterColumn.Help),
            Page("Shipping and delivery", "shipping", FooterColumn.Help),
            Page("Returns and refunds", "returns", FooterColumn.Help),
            Page("Privacy policy", "privacy", FooterColumn.Company),
            Page("Terms of use", "terms", FooterColumn.Company),
        ];
    }

    private static string Render(string slug, object model)
    {
        using var stream = typeof(StarterPages).Assembly.GetManifestResourceStream($"StarterPages/{slug}.md")
            ?? throw new InvalidOperationException($"The starter page {slug}.md is not embedded.");
        using var reader = new StreamReader(stream);
        return Templates.Compile(reader.ReadToEnd())(model).Trim();
    }

    private static string Cost(ShippingTerms method, Func<decimal, string> money)
    {
        if (method.BaseRate == 0 && method.PerKgRate == 0)
            return "Free";
        var cost = method.PerKgRate == 0 ? money(method.BaseRate) : $"{money(method.BaseRate)} + {money(method.PerKgRate)} per kg";
        return method.FreeOver is { } threshold ? $"{cost}; free on orders of {money(threshold)} or more" : cost;
    }

    /// <summary>"a, b and c"; empty for none.</summary>
    private static string Listed(IReadOnlyList<string> items) =>
        items.Count <= 1 ? string.Concat(items) : string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1];
}

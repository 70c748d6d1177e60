using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using System.Net.Http.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Shop.Testing;

namespace Shop.Tests.Languages;

/// <summary>
/// Every text a customer reads has its Hindi: each English text in Strings.resx has a translation, each text the
/// customer pages ask the localizer for is in the resource, and customer pages served in Hindi show no English words but names.
/// </summary>
public sealed partial class TranslationCoverageTests(ShopAppFactory app) : IClassFixture<ShopAppFactory>
{
    /// <summary>Seller, admin and support-console pages stay in English.</summary>
    private static readonly string[] StaffAreas = ["Admin", "Seller", "Console", "Dashboards", "Analytics", "Ledger", "Webhooks", "Import", "Editing", "Categories",
        "Products", "Stock", "Coupons", "Tax", "Shipping", "UserAdmin", "Administration", "Export", "AgentThread", "SellerOrders", "SellerApplications", "Demo"];

    private static Dictionary<string, string> Resource(string file) =>
        XDocument.Load(Path.Combine(SourceTree.WebProject, "Platform", "Localization", file)).Root!.Elements("data")
            .ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")?.Value ?? "");

    [Fact]
    public void Every_english_text_has_a_hindi_translation()
    {
        var english = Resource("Strings.resx");
        var hindi = Resource("Strings.hi.resx");

        Assert.NotEmpty(english);
        // The resource compiler keeps one of two names that differ only in case.
        Assert.Equal(english.Count, english.Keys.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.DoesNotContain(english.Keys, key => string.IsNullOrWhiteSpace(hindi.GetValueOrDefault(key)));
        Assert.Empty(hindi.Keys.Except(english.Keys));
    }

    [Fact]
    public void Every_text_customer_pages_ask_for_is_in_the_resource()
    {
        var english = Resource("Strings.resx");
        var root = SourceTree.WebProject;
        var asked = Directory.EnumerateFiles(root, "*.razor", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
            .Where(file => !Path.GetRelativePath(root, file).Split(Path.DirectorySeparatorChar).Any(part => StaffAreas.Contains(part) || part is "bin" or "obj"))
            .SelectMany(file => LocalizedText().Matches(File.ReadAllText(file)).Select(m => (File: Path.GetFileName(file), Key: Regex.Unescape(m.Groups[1].Value))))
            .ToList();

        Assert.NotEmpty(asked);
        Assert.Empty(asked.Where(a => !english.ContainsKey(a.Key)).Select(a => $"{a.File}: {a.Key}"));
    }

    [Fact]
    public async Task Customer_pages_in_hindi_show_no_english_words_but_names()
    {
        var shop = await HindiShopAsync();
        var untranslated = new List<string>();
        foreach (var (client, path) in shop.Pages)
        {
            var response = await client.GetAsync(path);
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"{path}: {response.StatusCode}");
            untranslated.AddRange(EnglishIn(await response.Content.ReadAsStringAsync(), shop.Names).Select(text => $"{path}: {text}"));
        }
        Assert.True(untranslated.Count == 0, "English on pages in Hindi:\n" + string.Join("\n", untranslated.Distinct()));
    }

    /// <summary>Words that read the same in a Hindi page: the shop's name, other products' names, abbreviations and the name of the other language.</summary>
    private static readonly HashSet<string> SameInHindi = ["Bazaar", "English", "JavaScript", "Google", "Microsoft", "Authenticator", "Aegis", "QR", "API", "IN", "OTP", "UPI", "PDF", "INR", "SKU", "GST", "GSTIN", "PIN", "ID", "SMS", "JPEG", "PNG", "WebP", "MB", "KB"];

    /// <summary>The texts of a page a reader sees or hears (text, labels, placeholders, titles) that hold English words other than the given names.</summary>
    private static IEnumerable<string> EnglishIn(string html, IReadOnlyList<string> names)
    {
        var document = new HtmlParser().ParseDocument(html);
        var texts = document.Descendants<IText>()
            .Where(t => t.ParentElement is { } parent && parent.Closest("script, style, template, code") is null)
            .Select(t => t.Data)
            .Concat(document.All.SelectMany(e => new[] { e.GetAttribute("aria-label"), e.GetAttribute("placeholder"), e.GetAttribute("title"), e.GetAttribute("alt"),
                e is IHtmlInputElement { Type: "submit" or "button" } input ? input.Value : null }).OfType<string>());
        foreach (var text in texts)
        {
            var rest = names.Aggregate(text, (t, name) => t.Replace(name, " ", StringComparison.Ordinal));
            rest = NotWords().Replace(rest, " ");
            if (EnglishWord().Matches(rest).Any(word => !SameInHindi.Contains(word.Value)))
                yield return text.Trim();
        }
    }

    private sealed record HindiShop(IReadOnlyList<(HttpClient Client, string Path)> Pages, IReadOnlyList<string> Names);

    /// <summary>A customer who reads Hindi, with an order, a cart, a support question; a seller and a category with Hindi names; and a guest.</summary>
    private async Task<HindiShop> HindiShopAsync()
    {
        await app.EnsureShippingAsync();
        var (admin, _) = await app.SignedInClientAsync("admin", "admin");
        const string shopName = "Kala Bhandar";
        var (seller, _) = await app.ApprovedSellerAsync(admin, shopName);
        var category = await CatalogClient.Expect(await admin.PostAsJsonAsync("/api/v1/admin/categories", new
        {
            name = "Pottery", slug = "pottery-" + Guid.NewGuid().ToString("N")[..8], translations = new Dictionary<string, string> { ["hi"] = "मिट्टी के बर्तन" },
        }), HttpStatusCode.Created);
        var product = await CatalogClient.Expect(await seller.PostAsJsonAsync("/api/v1/seller/products", new
        {
            title = "Terracotta Lamp", brand = "Acme", description = "Hand-made in Bankura.", categoryId = category.GetProperty("id").GetString(), status = "active",
            variants = new[] { CatalogClient.Variant("TRN-" + Guid.NewGuid().ToString("N")[..8], 450m, stock: 20) },
            translations = new Dictionary<string, object> { ["hi"] = new { title = "टेराकोटा दीया", description = "बांकुड़ा में हाथ से बना।" } },
        }), HttpStatusCode.Created);
        var slug = product.GetProperty("slug").GetString();
        var variantId = Guid.Parse(product.GetProperty("variants")[0].GetProperty("id").GetString()!);
        var sellerId = product.GetProperty("sellerId").GetString();

        var email = ApiClient.NewEmail("hindi");
        await app.RegisterConfirmedAsync(email, name: "आशा राव");
        var api = app.BearerClient((await app.LoginAsync(email)).AccessToken);
        api.DefaultRequestHeaders.Add("Accept-Language", "hi-IN");
        await api.AddToCartAsync(variantId);
        var order = await CatalogClient.Expect(await api.CheckoutAsync(email), HttpStatusCode.Created);
        await api.AddToCartAsync(variantId);
        var unpaid = await CatalogClient.Expect(await api.PostAsJsonAsync("/api/v1/checkout",
            new { email, shippingAddress = Shopper.Address, shippingMethod = "standard", paymentMethod = "sandbox" }), HttpStatusCode.Created);
        var payment = await CatalogClient.Expect(await api.PostAsJsonAsync($"/api/v1/orders/{unpaid.GetProperty("id").GetString()}/payments", new { method = "sandbox" }),
            HttpStatusCode.Created);
        await api.AddToCartAsync(variantId);
        var question = await CatalogClient.Expect(await api.PostAsJsonAsync("/api/v1/support/conversations",
            new { topic = "returns", message = "क्या मैं उपहार लौटा सकती हूँ?" }), HttpStatusCode.Created);
        var customer = await app.CookieClientAsync(email);
        var guest = app.CreateClient();
        foreach (var client in new[] { customer, guest })
            client.DefaultRequestHeaders.Add("Accept-Language", "hi-IN");

        string[] customerPaths =
        [
            "/", "/search?q=" + Uri.EscapeDataString("दीया"), "/search?q=zzzz", $"/c/{category.GetProperty("slug").GetString()}", $"/p/{slug}", $"/p/{slug}/review",
            $"/sellers/{sellerId}", "/cart", "/checkout", "/orders", $"/orders/{order.GetProperty("id").GetString()}", payment.GetProperty("redirectUrl").GetString()!, "/wishlist", "/account", "/account/addresses",
            "/account/addresses/new", "/account/notifications", "/notifications", "/account/two-factor", "/account/support", $"/account/support/{question.GetProperty("id").GetString()}", "/account/support/ask-seller", "/support",
            "/contact", "/support/callback", "/account/sell", "/no-such-page",
        ];
        string[] guestPaths =
        [
            "/", "/cart", "/account/sign-in", "/account/sign-up", "/account/forgot-password", "/account/check-email", "/account/reset-password",
            "/account/confirm-email", "/account/access-denied", "/offline", "/contact", "/support/callback", "/status/500",
        ];
        string[] names = [shopName, "Sandbox Bank", "zzzz", "Acme", "Terracotta Lamp", "Pottery", "Standard", email, order.GetProperty("number").GetString()!, unpaid.GetProperty("number").GetString()!,
            "Asha Rao", "12 MG Road", "Near the park", "Bengaluru", "Karnataka"];
        return new HindiShop([.. customerPaths.Select(p => (customer, p)), .. guestPaths.Select(p => (guest, p))], names);
    }

    [GeneratedRegex(@"\b[A-Za-z][A-Za-z]+\b")]
    private static partial Regex EnglishWord();

    /// <summary>Addresses, links, time zones, codes and numbers that are not words of the page.</summary>
    [GeneratedRegex(@"\S+@\S+|https?://\S+|\b[A-Za-z]+/[A-Za-z_]+\b|/\S*|\b[A-Z]{2,}-[\w-]+|\+?\b\d[\d\s-]*\b")]
    private static partial Regex NotWords();

    [GeneratedRegex("""\bT\[\s*"((?:[^"\\]|\\.)*)"\s*[\],]""")]
    private static partial Regex LocalizedText();
}

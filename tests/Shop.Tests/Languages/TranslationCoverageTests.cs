using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using AngleSharp.Html.Parser;
using Shop.Testing;

namespace Shop.Tests.Languages;

/// <summary>
/// Every text a customer reads has its Hindi: each English text in Strings.resx has a translation, each text the
/// customer pages ask the localizer for is in the resource, and customer pages served in Hindi show none of them in English.
/// </summary>
public sealed partial class TranslationCoverageTests(ShopAppFactory app) : IClassFixture<ShopAppFactory>
{
    /// <summary>Seller, admin and support-console pages stay in English.</summary>
    private static readonly string[] StaffAreas = ["Admin", "Seller", "Console", "Dashboards", "Analytics", "Ledger", "Webhooks", "Import", "Editing", "Categories",
        "Products", "Stock", "Coupons", "Tax", "Shipping", "UserAdmin", "Administration", "Export", "AgentThread", "SellerOrders", "SellerApplications", "Demo"];

    private static readonly string[] CustomerPages = ["/", "/search", "/search?q=zzzz", "/cart", "/checkout", "/orders/00000000-0000-0000-0000-000000000000"];

    private static string WebProject()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (Directory.Exists(Path.Combine(dir.FullName, "src", "Shop.Web")))
                return Path.Combine(dir.FullName, "src", "Shop.Web");
        throw new DirectoryNotFoundException("src/Shop.Web is not above the test output.");
    }

    private static Dictionary<string, string> Resource(string file) =>
        XDocument.Load(Path.Combine(WebProject(), "Platform", "Localization", file)).Root!.Elements("data")
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
        var root = WebProject();
        var asked = Directory.EnumerateFiles(root, "*.razor", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
            .Where(file => !Path.GetRelativePath(root, file).Split(Path.DirectorySeparatorChar).Any(part => StaffAreas.Contains(part) || part is "bin" or "obj"))
            .SelectMany(file => LocalizedText().Matches(File.ReadAllText(file)).Select(m => (File: Path.GetFileName(file), Key: Regex.Unescape(m.Groups[1].Value))))
            .ToList();

        Assert.NotEmpty(asked);
        Assert.Empty(asked.Where(a => !english.ContainsKey(a.Key)).Select(a => $"{a.File}: {a.Key}"));
    }

    [Fact]
    public async Task Customer_pages_in_hindi_show_no_english_text_of_the_resource()
    {
        var hindi = Resource("Strings.hi.resx");
        // Runs of several words that read differently in Hindi; single words may be names (a brand, "SKU").
        var english = Resource("Strings.resx").Where(e => e.Value.Contains(' ') && hindi[e.Key] != e.Value)
            .Select(e => Regex.Replace(e.Value, @"\{\d+\}", "\u0001")).ToList();
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("Accept-Language", "hi-IN");

        foreach (var path in CustomerPages)
        {
            var response = await client.GetAsync(path);
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{path}: {response.StatusCode}");
            var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
            var shown = string.Join("\n", document.Body!.TextContent, string.Join("\n", document.All.SelectMany(e => new[]
                { e.GetAttribute("aria-label"), e.GetAttribute("placeholder"), e.GetAttribute("title") }).OfType<string>()));
            var untranslated = english.Where(text => text.Split('\u0001').Where(part => part.Trim().Contains(' ')).Any(part => shown.Contains(part.Trim(), StringComparison.Ordinal)));
            Assert.Empty(untranslated.Select(text => $"{path}: {text}"));
        }
    }

    [GeneratedRegex("""\bT\[\s*"((?:[^"\\]|\\.)*)"\s*[\],]""")]
    private static partial Regex LocalizedText();
}

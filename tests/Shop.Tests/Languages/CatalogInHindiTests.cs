using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Shop.Testing;

namespace Shop.Tests.Languages;

/// <summary>Listings, search, the cart, seller and category pages, reviews and checkout in Hindi, with the product titles sellers wrote in it.</summary>
public sealed class CatalogInHindiTests(ShopAppFactory app) : IClassFixture<ShopAppFactory>
{
    private const string HindiTitle = "पीतल का दीया";

    private static async Task<IHtmlDocument> PageAsync(HttpClient client, string path, string language, string? cartToken = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Accept-Language", language);
        if (cartToken is not null)
            request.Headers.Add("X-Cart-Token", cartToken);
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }

    private static IReadOnlyList<string> CardTitles(IHtmlDocument page) =>
        page.QuerySelectorAll(".product-card h3").Select(h => h.TextContent.Trim()).ToList();

    /// <summary>A product with a Hindi title (and its category), by the given seller or the catalog's own.</summary>
    private async Task<(JsonElement Product, JsonElement Category, string Title)> TranslatedProductAsync(CatalogClient catalog, HttpClient? seller = null)
    {
        var category = await catalog.CategoryAsync(CatalogClient.Unique("Lamps"));
        var title = CatalogClient.Unique("Brass Diya");
        var product = await CatalogClient.Expect(await (seller ?? catalog.Seller).PostAsJsonAsync("/api/v1/seller/products", new
        {
            title, brand = "Acme", description = "Cast in Moradabad.", categoryId = category.GetProperty("id").GetString(), status = "active",
            variants = new[] { CatalogClient.Variant("HIN-" + Guid.NewGuid().ToString("N")[..8], 350m) },
            translations = new Dictionary<string, object> { ["hi"] = new { title = HindiTitle, description = "मुरादाबाद में ढला।" } },
        }), HttpStatusCode.Created);
        return (product, category, title);
    }

    [Fact]
    public async Task Listings_and_search_show_the_hindi_title_to_hindi_readers_and_the_default_title_to_others()
    {
        var catalog = await CatalogClient.CreateAsync(app);
        var (_, category, title) = await TranslatedProductAsync(catalog);
        var client = app.CreateClient();
        var categoryPage = $"/c/{category.GetProperty("slug").GetString()}";
        var search = $"/search?q={Uri.EscapeDataString(title)}";

        var hindiCategory = await PageAsync(client, categoryPage, "hi-IN");
        Assert.Equal([HindiTitle], CardTitles(hindiCategory));
        Assert.Equal("क्रमबद्ध करें", hindiCategory.QuerySelector("label[for=listing-sort]")!.TextContent.Trim());
        Assert.Equal("उपलब्धता", hindiCategory.QuerySelectorAll(".facet summary").Select(s => s.TextContent.Trim()).Last());
        Assert.Equal([title], CardTitles(await PageAsync(client, categoryPage, "en-IN")));

        // The same cached result serves both languages.
        Assert.Equal([HindiTitle], CardTitles(await PageAsync(client, search, "hi-IN")));
        Assert.Equal([title], CardTitles(await PageAsync(client, search, "en-IN")));
    }

    [Fact]
    public async Task The_cart_shows_the_hindi_title_to_hindi_readers()
    {
        var catalog = await CatalogClient.CreateAsync(app);
        var (product, _, title) = await TranslatedProductAsync(catalog);
        var added = await app.CreateClient().PostAsJsonAsync("/api/v1/cart/items",
            new { variantId = product.GetProperty("variants")[0].GetProperty("id").GetString(), quantity = 1 });
        var token = Assert.Single(added.Headers.GetValues("X-Cart-Token"));

        string ItemOf(IHtmlDocument cart) => cart.QuerySelector("[data-testid=cart-line] .cart-item a")!.TextContent.Trim();

        Assert.Equal(HindiTitle, ItemOf(await PageAsync(app.CreateClient(), "/cart", "hi-IN", token)));
        Assert.Equal(title, ItemOf(await PageAsync(app.CreateClient(), "/cart", "en-IN", token)));
    }

    [Fact]
    public async Task Checkout_labels_its_address_fields_in_hindi()
    {
        var catalog = await CatalogClient.CreateAsync(app);
        var (product, _, _) = await TranslatedProductAsync(catalog);
        var added = await app.CreateClient().PostAsJsonAsync("/api/v1/cart/items",
            new { variantId = product.GetProperty("variants")[0].GetProperty("id").GetString(), quantity = 1 });
        var token = Assert.Single(added.Headers.GetValues("X-Cart-Token"));

        var checkout = await PageAsync(app.CreateClient(), "/checkout", "hi-IN", token);

        var labels = checkout.QuerySelectorAll("label").Select(l => l.TextContent.Trim()).ToList();
        Assert.Contains("पूरा नाम", labels);
        Assert.Contains("पता पंक्ति 1", labels);
        Assert.Contains("पिन कोड", labels);
        Assert.Contains("राज्य", labels);
    }

    [Fact]
    public async Task A_sellers_shop_page_speaks_hindi()
    {
        var catalog = await CatalogClient.CreateAsync(app);
        var (seller, _) = await app.ApprovedSellerAsync(catalog.Admin, CatalogClient.Unique("Moradabad Brass"));
        var (product, _, _) = await TranslatedProductAsync(catalog, seller);

        var page = await PageAsync(app.CreateClient(), $"/sellers/{product.GetProperty("sellerId").GetString()}", "hi-IN");

        Assert.Equal("अभी कोई समीक्षा नहीं", page.QuerySelector("[data-testid=seller-rating]")!.TextContent.Trim());
        Assert.Equal([HindiTitle], CardTitles(page));
        Assert.Equal("1 उत्पाद", page.QuerySelector(".results-bar [role=status]")!.TextContent.Trim());
    }

    [Fact]
    public async Task Reviews_and_the_review_form_speak_hindi()
    {
        var catalog = await CatalogClient.CreateAsync(app);
        var (product, _, _) = await TranslatedProductAsync(catalog);
        var slug = product.GetProperty("slug").GetString();
        var (_, email) = await app.SignedInClientAsync("reader");
        var customer = await app.CookieClientAsync(email);

        var productPage = await PageAsync(customer, $"/p/{slug}", "hi-IN");
        Assert.Equal("ग्राहक समीक्षाएँ", productPage.QuerySelector("#reviews-heading")!.TextContent.Trim());
        Assert.Equal("अभी कोई समीक्षा नहीं।", productPage.QuerySelector("#reviews .review-summary p.muted")!.TextContent.Trim());

        var reviewPage = await PageAsync(customer, $"/p/{slug}/review", "hi-IN");
        Assert.Equal($"{HindiTitle} की आपकी समीक्षा", reviewPage.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("यह उत्पाद आप तक डिलीवर हो जाने के बाद आप इसकी समीक्षा कर सकते हैं।", reviewPage.QuerySelector(".alert")!.TextContent);
    }
}

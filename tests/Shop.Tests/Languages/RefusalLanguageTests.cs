using System.Net;
using System.Net.Http.Json;
using Shop.Testing;

namespace Shop.Tests.Languages;

/// <summary>A refusal with values (how many are left, of what; why a coupon does not apply) reads in the asker's language.</summary>
public sealed class RefusalLanguageTests(ShopAppFactory app) : IClassFixture<ShopAppFactory>
{
    [Fact]
    public async Task Asking_for_more_than_is_left_is_refused_in_hindi_with_the_hindi_title_and_in_english_otherwise()
    {
        var catalog = await CatalogClient.CreateAsync(app);
        var category = await catalog.CategoryAsync("Refusals");
        var product = await CatalogClient.Expect(await catalog.Seller.PostAsJsonAsync("/api/v1/seller/products", new
        {
            title = "Brass Lota", brand = "Acme", description = "Cast in Moradabad.", categoryId = category.GetProperty("id").GetString(), status = "active",
            variants = new[] { CatalogClient.Variant("RFL-" + Guid.NewGuid().ToString("N")[..8], 650m, stock: 2) },
            translations = new Dictionary<string, object> { ["hi"] = new { title = "पीतल का लोटा" } },
        }), HttpStatusCode.Created);
        var variantId = product.GetProperty("variants")[0].GetProperty("id").GetString();

        async Task<string> RefusalAsync(string language)
        {
            var client = app.CreateClient();
            client.DefaultRequestHeaders.Add("Accept-Language", language);
            var response = await client.PostAsJsonAsync("/api/v1/cart/items", new { variantId, quantity = 3 });
            var problem = await CatalogClient.Expect(response, HttpStatusCode.Conflict);
            Assert.Equal("cart.insufficient_stock", problem.GetProperty("code").GetString());
            return problem.GetProperty("detail").GetString()!;
        }

        Assert.Equal("पीतल का लोटा के सिर्फ़ 2 बचे हैं; आपने 3 माँगे।", await RefusalAsync("hi-IN"));
        Assert.Equal("Only 2 of Brass Lota left; you asked for 3.", await RefusalAsync("en-IN"));
    }

    [Fact]
    public async Task A_coupon_that_does_not_apply_says_why_in_hindi_in_the_cart_and_at_checkout()
    {
        await app.EnsureShippingAsync();
        var catalog = await CatalogClient.CreateAsync(app);
        var category = await catalog.CategoryAsync("Coupons");
        var product = await catalog.ProductAsync(CatalogClient.Unique("Cotton Dupatta"), category.GetProperty("id").GetString()!,
            [CatalogClient.Variant("CPN-" + Guid.NewGuid().ToString("N")[..8], 600m)]);
        var code = "BIG" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        await CatalogClient.Expect(await catalog.Admin.PostAsJsonAsync("/api/v1/admin/coupons", new
        {
            code, description = "Big orders", kind = "percentage", amount = 10m, scope = "cart", minimumOrder = 5000m, isActive = true,
        }), HttpStatusCode.Created);
        var email = ApiClient.NewEmail("coupon");
        await app.RegisterConfirmedAsync(email);
        var api = app.BearerClient((await app.LoginAsync(email)).AccessToken);
        api.DefaultRequestHeaders.Add("Accept-Language", "hi-IN");
        await api.AddToCartAsync(Guid.Parse(product.GetProperty("variants")[0].GetProperty("id").GetString()!));
        await CatalogClient.Expect(await api.PostAsJsonAsync("/api/v1/cart/coupon", new { code }), HttpStatusCode.OK);
        var page = await app.CookieClientAsync(email);
        page.DefaultRequestHeaders.Add("Accept-Language", "hi-IN");

        var reason = $"कूपन {code} इस्तेमाल करने के लिए ₹4,400.00 का और सामान जोड़ें।";
        Assert.Contains(reason, System.Net.WebUtility.HtmlDecode(await page.GetStringAsync("/cart")));
        var refused = await CatalogClient.Expect(await api.CheckoutAsync(email), HttpStatusCode.Conflict);
        Assert.Equal("coupon.not_applicable", refused.GetProperty("code").GetString());
        Assert.Equal($"{reason} कूपन के बिना ऑर्डर देने के लिए इसे हटाएँ।", refused.GetProperty("detail").GetString());
    }
}

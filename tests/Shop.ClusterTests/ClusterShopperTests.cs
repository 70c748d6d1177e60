using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Shop.Testing;

namespace Shop.ClusterTests;

/// <summary>
/// A shopper's whole visit through nginx, each request answered by whichever instance is next: nothing
/// the shopper builds up (sign-in, anti-forgery token, cart, order) may live in one instance.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterShopperTests(ShopCluster cluster)
{
    [Fact]
    public async Task A_shopper_browses_signs_in_fills_a_cart_and_checks_out_with_requests_spread_over_every_instance()
    {
        var recorder = new ResponseRecorder();
        using var browser = cluster.Client(recorder, cookies: true);

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);
        var listing = await JsonAsync(browser.GetAsync("/api/v1/catalog/products?pageSize=5"));
        var slug = listing.GetProperty("items")[0].GetProperty("slug").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/p/{slug}")).StatusCode);
        var product = await JsonAsync(browser.GetAsync($"/api/v1/catalog/products/{slug}"));
        var variantId = product.GetProperty("variants").EnumerateArray().First(v => v.GetProperty("available").GetInt32() >= 2).GetProperty("id").GetGuid();

        // The form (and its anti-forgery token) comes from one instance, the post goes to the next.
        var signIn = await SignInFormAsync(browser, "asha@bazaar.local", ShopCluster.DemoPassword);
        var signedIn = await browser.PostAsync("/account/sign-in", signIn);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        foreach (var _ in cluster.Instances)
        {
            var account = await browser.GetAsync("/account");
            Assert.True(account.StatusCode == HttpStatusCode.OK,
                $"/account via {ResponseRecorder.InstanceOf(account)}: {(int)account.StatusCode} to {account.Headers.Location}; sign-in went to {signedIn.Headers.Location}");
            Assert.Contains("Sign out", await account.Content.ReadAsStringAsync());
        }

        // The page's own script asks for tokens: the browser marks its call same-origin, as the cookie requires.
        var login = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login")
        {
            Content = JsonContent.Create(new { email = "asha@bazaar.local", password = ShopCluster.DemoPassword }),
            Headers = { { "Sec-Fetch-Site", "same-origin" } },
        };
        var tokens = await JsonAsync(browser.SendAsync(login));
        browser.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("accessToken").GetString());
        await browser.AddToCartAsync(variantId, 2);
        foreach (var _ in cluster.Instances)
        {
            var cart = await JsonAsync(browser.GetAsync("/api/v1/cart"));
            Assert.Contains(cart.GetProperty("lines").EnumerateArray(), line => line.GetProperty("variantId").GetGuid() == variantId && line.GetProperty("quantity").GetInt32() == 2);
        }
        var placed = await browser.CheckoutAsync(email: null, idempotencyKey: Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        var orderId = (await placed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        foreach (var _ in cluster.Instances)
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/api/v1/orders/{orderId}")).StatusCode);

        var exchanges = recorder.Exchanges;
        Assert.All(exchanges, exchange => Assert.True(exchange.Succeeded, exchange.ToString()));
        Assert.Equal(cluster.Instances.Select(i => i.Name).Order(), exchanges.Select(e => e.Instance).Distinct().Order());
    }

    private static async Task<FormUrlEncodedContent> SignInFormAsync(HttpClient browser, string email, string password)
    {
        var page = await browser.GetAsync("/account/sign-in");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var document = await new HtmlParser().ParseDocumentAsync(await page.Content.ReadAsStringAsync());
        var form = document.QuerySelectorAll("form").OfType<IHtmlFormElement>().Single(f => f.QuerySelector("input[type=password]") is not null);
        var fields = form.QuerySelectorAll("input").OfType<IHtmlInputElement>().Where(i => !string.IsNullOrEmpty(i.Name))
            .Where(i => i.Type != "checkbox")
            .ToDictionary(i => i.Name!, i => i.Type switch { "email" => email, "password" => password, _ => i.Value });
        Assert.Contains("__RequestVerificationToken", fields.Keys);
        return new FormUrlEncodedContent(fields);
    }

    private static async Task<JsonElement> JsonAsync(Task<HttpResponseMessage> request)
    {
        var response = await request;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.RequestUri}: {response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}

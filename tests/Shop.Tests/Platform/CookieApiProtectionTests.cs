using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Shop.Testing;

namespace Shop.Tests.Platform;

/// <summary>The sign-in cookie works for the shop's own pages only; behind https the browser is told to stay on https.</summary>
public sealed class CookieApiProtectionTests(ShopAppFactory app) : IClassFixture<ShopAppFactory>
{
    private const string ReadAll = "/api/v1/notifications/read-all";

    private async Task<HttpClient> SignedInBrowserAsync()
    {
        var email = ApiClient.NewEmail("browser");
        await app.RegisterConfirmedAsync(email);
        return await app.CookieClientAsync(email);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path);
        foreach (var (name, value) in headers)
            request.Headers.Add(name, value);
        return client.SendAsync(request);
    }

    [Fact]
    public async Task A_cookie_signed_api_write_from_another_origin_or_of_unknown_origin_is_refused_with_problem_details()
    {
        var browser = await SignedInBrowserAsync();

        var crossOrigin = await PostAsync(browser, ReadAll, ("Origin", "https://elsewhere.example"), ("Sec-Fetch-Site", "cross-site"));
        var sameSite = await PostAsync(browser, ReadAll, ("Origin", "http://shop.localhost"), ("Sec-Fetch-Site", "same-site"));
        var unknown = await PostAsync(browser, ReadAll);

        foreach (var refused in new[] { crossOrigin, sameSite, unknown })
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.Equal("request.cross_origin", (await refused.JsonAsync()).GetProperty("code").GetString());
        }
    }

    [Fact]
    public async Task The_shops_own_pages_keep_calling_the_api_with_the_cookie()
    {
        var browser = await SignedInBrowserAsync();

        // What header-badges.js reads; writes as browsers send them from the shop's pages (behind a proxy that dropped the port
        // from Host, Origin differs but Sec-Fetch-Site still says same-origin), or with a page's anti-forgery token.
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/notifications?pageSize=1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/cart")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(browser, ReadAll, ("Origin", "http://localhost"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(browser, ReadAll, ("Origin", "http://localhost:8080"), ("Sec-Fetch-Site", "same-origin"))).StatusCode);
        var token = await BrowserSession.FormTokenAsync(browser, "/account");
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(browser, ReadAll, ("RequestVerificationToken", token))).StatusCode);
    }

    [Fact]
    public async Task Bearer_token_calls_need_no_origin()
    {
        var (client, _) = await app.SignedInClientAsync("integrator");

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, ReadAll, ("Origin", "https://elsewhere.example"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, ReadAll)).StatusCode);
    }

    [Fact]
    public async Task Behind_https_responses_carry_hsts_and_the_antiforgery_cookie_is_secure()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });

        var https = new HttpRequestMessage(HttpMethod.Get, "/account/sign-in")
        {
            Headers = { { "X-Forwarded-Proto", "https" }, { "X-Forwarded-Host", "shop.example.in" } },
        };
        var secure = await client.SendAsync(https);
        var plain = await client.GetAsync("/account/sign-in");

        Assert.StartsWith("max-age=", secure.Headers.GetValues("Strict-Transport-Security").Single());
        Assert.Contains("secure", AntiforgeryCookieAttributes(secure));
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
        Assert.DoesNotContain("secure", AntiforgeryCookieAttributes(plain));
    }

    private static string[] AntiforgeryCookieAttributes(HttpResponseMessage response) =>
        response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal))
            .Split(';', StringSplitOptions.TrimEntries).Skip(1).Select(a => a.ToLowerInvariant()).ToArray();
}

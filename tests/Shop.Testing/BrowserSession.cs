using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Shop.Testing;

/// <summary>A browser's session without a browser: a client that signed in on the sign-in page and sends its cookies from then on.</summary>
public static partial class BrowserSession
{
    public static async Task<HttpClient> CookieClientAsync(this ShopAppFactory app, string email, string password = ApiClient.Password)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var form = new Dictionary<string, string>
        {
            ["_handler"] = "sign-in",
            ["__RequestVerificationToken"] = await FormTokenAsync(client, "/account/sign-in"),
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        };
        await client.PostAsync("/account/sign-in", new FormUrlEncodedContent(form));
        var me = await client.GetAsync("/api/v1/me");
        if (me.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"Signing in on the page as {email} gave no session: {me.StatusCode}");
        return client;
    }

    /// <summary>The anti-forgery token a page's form carries (its cookie stays with the client).</summary>
    public static async Task<string> FormTokenAsync(HttpClient client, string page)
    {
        var html = await client.GetStringAsync(page);
        return AntiforgeryField().Match(html) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException($"{page} has no anti-forgery field.");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}

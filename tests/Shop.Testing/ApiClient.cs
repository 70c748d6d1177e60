using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Shop.Web.Modules.Identity.Data;

namespace Shop.Testing;

public sealed record Tokens(string AccessToken, string RefreshToken, int ExpiresIn, string TokenType);

/// <summary>What an API integrator does to get an account and a token, step by step through the real endpoints.</summary>
public static class ApiClient
{
    public const string Password = "Saffron-Monsoon-2026";

    public static string NewEmail(string who = "user") => $"{who}-{Guid.NewGuid():N}"[..20] + "@example.in";

    public static async Task<HttpResponseMessage> RegisterAsync(this ShopAppFactory app, string email, string password = Password, string name = "Asha Rao") =>
        await app.CreateClient().PostAsJsonAsync("/api/v1/auth/register", new { email, password, name });

    /// <summary>Registers, then confirms with the link from the emailed message.</summary>
    public static async Task RegisterConfirmedAsync(this ShopAppFactory app, string email, string password = Password, string name = "Asha Rao")
    {
        var response = await app.RegisterAsync(email, password, name);
        if (response.StatusCode != HttpStatusCode.Accepted)
            throw new InvalidOperationException($"Registration failed: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var mail = await app.WaitForMailAsync(email, "Confirm your email");
        var link = Query(mail.LinkTo("/account/confirm-email"));
        var confirmed = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/confirm-email", new { userId = link["userId"], code = link["code"] });
        if (confirmed.StatusCode != HttpStatusCode.NoContent)
            throw new InvalidOperationException($"Confirmation failed: {confirmed.StatusCode} {await confirmed.Content.ReadAsStringAsync()}");
    }

    public static async Task<Tokens> LoginAsync(this ShopAppFactory app, string email, string password = Password)
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password });
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"Login failed: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<Tokens>())!;
    }

    /// <summary>A client that sends the bearer token of a newly registered, confirmed and signed-in user.</summary>
    public static async Task<(HttpClient Client, string Email)> SignedInClientAsync(this ShopAppFactory app, string who = "user", params string[] roles)
    {
        var email = NewEmail(who);
        await app.RegisterConfirmedAsync(email);
        if (roles.Length > 0)
            await app.GrantRolesAsync(email, roles);
        return (app.BearerClient((await app.LoginAsync(email)).AccessToken), email);
    }

    /// <summary>A seller who applied under a shop name and whom an admin approved: sellers appear in lists under that name.</summary>
    public static async Task<(HttpClient Client, string Email)> ApprovedSellerAsync(this ShopAppFactory app, HttpClient admin, string shopName)
    {
        var (applicant, email) = await app.SignedInClientAsync("maker");
        var application = await CatalogClient.Expect(await applicant.PostAsJsonAsync("/api/v1/me/seller-application",
            new { shopName, description = "Handmade goods, made to order.", contactEmail = email, contactPhone = "+91 98450 22222" }), HttpStatusCode.Created);
        await CatalogClient.Expect(await admin.PostAsync($"/api/v1/admin/seller-applications/{application.GetProperty("id").GetString()}/approve", null), HttpStatusCode.OK);
        return (app.BearerClient((await app.LoginAsync(email)).AccessToken), email);
    }

    public static HttpClient BearerClient(this ShopAppFactory app, string accessToken)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    /// <summary>Grants roles directly in the database (the way the first admin exists before any admin can act).</summary>
    public static async Task GrantRolesAsync(this ShopAppFactory app, string email, params string[] roles)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ShopUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No user {email}.");
        await users.AddToRolesAsync(user, roles);
    }

    public static async Task<Guid> UserIdAsync(this ShopAppFactory app, string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<ShopUser>>().FindByEmailAsync(email);
        return user?.Id ?? throw new InvalidOperationException($"No user {email}.");
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    public static Dictionary<string, string> Query(string relativeUrl) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(new Uri("http://x"), relativeUrl).Query)
            .ToDictionary(p => p.Key, p => p.Value.ToString());
}

using System.Net;
using System.Net.Http.Json;
using Shop.Testing;

namespace Shop.Tests.Identity;

public sealed class SignInApiTests(ShopAppFactory app) : IClassFixture<ShopAppFactory>
{
    private async Task<HttpResponseMessage> RefreshAsync(string refreshToken) =>
        await app.CreateClient().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken });

    [Fact]
    public async Task Login_returns_a_short_lived_access_token_that_opens_the_api()
    {
        var email = ApiClient.NewEmail();
        await app.RegisterConfirmedAsync(email);

        var tokens = await app.LoginAsync(email);

        Assert.Equal("Bearer", tokens.TokenType);
        Assert.Equal(900, tokens.ExpiresIn);
        Assert.Equal(HttpStatusCode.OK, (await app.BearerClient(tokens.AccessToken).GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task Without_a_token_the_api_answers_401_problem_details()
    {
        var response = await app.CreateClient().GetAsync("/api/v1/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.BearerClient("forged-token").GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task Wrong_password_and_unknown_email_get_the_same_answer()
    {
        var email = ApiClient.NewEmail();
        await app.RegisterConfirmedAsync(email);

        var wrongPassword = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password = "Not-The-Password-1" });
        var unknownEmail = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email = ApiClient.NewEmail(), password = "Not-The-Password-1" });

        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknownEmail.StatusCode);
        Assert.Equal((await wrongPassword.JsonAsync()).GetProperty("detail").GetString(), (await unknownEmail.JsonAsync()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Refresh_rotates_and_the_old_refresh_token_stops_working()
    {
        var email = ApiClient.NewEmail();
        await app.RegisterConfirmedAsync(email);
        var first = await app.LoginAsync(email);

        var rotated = await RefreshAsync(first.RefreshToken);

        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var second = (await rotated.Content.ReadFromJsonAsync<Tokens>())!;
        Assert.NotEqual(first.RefreshToken, second.RefreshToken);
        Assert.Equal(HttpStatusCode.OK, (await app.BearerClient(second.AccessToken).GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(second.RefreshToken)).StatusCode);
    }

    [Fact]
    public async Task Reusing_a_rotated_refresh_token_revokes_the_whole_family()
    {
        var email = ApiClient.NewEmail();
        await app.RegisterConfirmedAsync(email);
        var stolen = await app.LoginAsync(email);
        var legitimate = (await (await RefreshAsync(stolen.RefreshToken)).Content.ReadFromJsonAsync<Tokens>())!;
        var otherDevice = await app.LoginAsync(email);

        var replay = await RefreshAsync(stolen.RefreshToken);

        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        Assert.Equal("invalid_refresh_token", (await replay.JsonAsync()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(legitimate.RefreshToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(otherDevice.RefreshToken)).StatusCode); // another sign-in is its own family
    }

    [Fact]
    public async Task Concurrent_refreshes_with_one_token_let_exactly_one_through()
    {
        var email = ApiClient.NewEmail();
        await app.RegisterConfirmedAsync(email);
        var tokens = await app.LoginAsync(email);

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => RefreshAsync(tokens.RefreshToken)));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(9, responses.Count(r => r.StatusCode == HttpStatusCode.Unauthorized));
    }

    [Fact]
    public async Task Logout_revokes_the_refresh_token()
    {
        var email = ApiClient.NewEmail();
        await app.RegisterConfirmedAsync(email);
        var tokens = await app.LoginAsync(email);

        var logout = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/logout", new { refreshToken = tokens.RefreshToken });

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(tokens.RefreshToken)).StatusCode);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_for_the_right_one()
    {
        var email = ApiClient.NewEmail();
        await app.RegisterConfirmedAsync(email);
        for (var i = 0; i < 5; i++)
            await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password = $"Wrong-Password-{i}" });

        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password = ApiClient.Password });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("locked_out", (await response.JsonAsync()).GetProperty("code").GetString());
    }
}

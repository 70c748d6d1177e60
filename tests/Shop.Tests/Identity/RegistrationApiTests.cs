using System.Net;
using System.Net.Http.Json;
using Shop.Testing;

namespace Shop.Tests.Identity;

public sealed class RegistrationApiTests(ShopAppFactory app) : IClassFixture<ShopAppFactory>
{
    [Fact]
    public async Task Sign_up_sends_a_confirmation_link_that_confirms_the_email()
    {
        var email = ApiClient.NewEmail();

        var response = await app.RegisterAsync(email);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var mail = await app.WaitForMailAsync(email, "Confirm your email");
        Assert.Contains("Hello Asha Rao", mail.Text);
        var link = ApiClient.Query(mail.LinkTo("/account/confirm-email"));
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsJsonAsync("/api/v1/auth/confirm-email", new { userId = link["userId"], code = link["code"] })).StatusCode);
        var meResponse = await app.BearerClient((await app.LoginAsync(email)).AccessToken).GetAsync("/api/v1/me");
        Assert.True(meResponse.IsSuccessStatusCode, await meResponse.Content.ReadAsStringAsync() + meResponse.StatusCode);
        var me = await meResponse.JsonAsync();
        Assert.True(me.GetProperty("emailConfirmed").GetBoolean());
        Assert.Equal(["customer"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task A_forged_confirmation_code_is_refused_with_a_field_error()
    {
        var email = ApiClient.NewEmail();
        await app.RegisterAsync(email);
        var userId = await app.UserIdAsync(email);

        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/confirm-email", new { userId, code = "bm90LWEtdG9rZW4" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("invalid or has expired", (await response.JsonAsync()).GetProperty("errors").GetProperty("Code")[0].GetString());
    }

    [Fact]
    public async Task Registering_a_taken_email_answers_exactly_like_a_new_one_and_tells_the_owner_by_mail()
    {
        var email = ApiClient.NewEmail();
        await app.RegisterConfirmedAsync(email);
        var fresh = await app.RegisterAsync(ApiClient.NewEmail());

        var again = await app.RegisterAsync(email, name: "Somebody Else");

        Assert.Equal(fresh.StatusCode, again.StatusCode);
        Assert.Equal(await fresh.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        var notice = await app.WaitForMailAsync(email, "You already have");
        Assert.Contains("/account/forgot-password", notice.Text);
        await app.LoginAsync(email); // the original password still works
    }

    [Theory]
    [InlineData("short1", "at least 10 characters")]
    [InlineData("password123", "too well known")]
    [InlineData("Qwerty12345!", "too well known")]
    public async Task Weak_passwords_are_refused_the_same_way_for_new_and_taken_emails(string password, string reason)
    {
        var taken = ApiClient.NewEmail();
        await app.RegisterConfirmedAsync(taken);

        var forNew = await app.RegisterAsync(ApiClient.NewEmail(), password);
        var forTaken = await app.RegisterAsync(taken, password);

        Assert.Equal(HttpStatusCode.BadRequest, forNew.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, forTaken.StatusCode);
        var newErrors = (await forNew.JsonAsync()).GetProperty("errors");
        Assert.Contains(reason, newErrors.GetProperty("Password")[0].GetString());
        Assert.Equal(newErrors.ToString(), (await forTaken.JsonAsync()).GetProperty("errors").ToString());
    }

    [Fact]
    public async Task A_password_built_from_the_email_is_refused()
    {
        var response = await app.RegisterAsync("meera.iyer@example.in", "meera.iyer-2026");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("must not contain your email", (await response.JsonAsync()).GetProperty("errors").GetProperty("Password")[0].GetString());
    }

    [Fact]
    public async Task Missing_and_malformed_fields_get_field_errors()
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/register", new { email = "not-an-email", password = "" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.JsonAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("Email", out _));
        Assert.True(errors.TryGetProperty("Password", out _));
        Assert.True(errors.TryGetProperty("Name", out _));
    }

    [Fact]
    public async Task Two_simultaneous_sign_ups_for_one_email_create_one_account()
    {
        var email = ApiClient.NewEmail();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => app.RegisterAsync(email)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        await using var connection = new Npgsql.NpgsqlConnection(app.ConnectionString);
        Assert.Equal(1L, await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, "SELECT count(*) FROM identity.users WHERE normalized_email = upper(@email)", new { email }));
    }
}

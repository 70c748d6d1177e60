using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Shop.Testing;

namespace Shop.Tests.Identity;

public sealed class PasswordAndProfileApiTests(ShopAppFactory app) : IClassFixture<ShopAppFactory>
{
    [Fact]
    public async Task Forgot_password_answers_the_same_for_unknown_emails_and_sends_nothing()
    {
        var email = ApiClient.NewEmail();
        await app.RegisterConfirmedAsync(email);
        var unknown = ApiClient.NewEmail();

        var known = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/forgot-password", new { email });
        var stranger = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/forgot-password", new { email = unknown });

        Assert.Equal(HttpStatusCode.Accepted, known.StatusCode);
        Assert.Equal(known.StatusCode, stranger.StatusCode);
        Assert.Equal(await known.Content.ReadAsStringAsync(), await stranger.Content.ReadAsStringAsync());
        await app.WaitForMailAsync(email, "Reset your");
        Assert.DoesNotContain(app.Mail(), m => m.To.Contains(unknown));
    }

    [Fact]
    public async Task A_reset_link_sets_a_new_password_once_and_ends_other_sessions()
    {
        var email = ApiClient.NewEmail();
        await app.RegisterConfirmedAsync(email);
        var oldSession = await app.LoginAsync(email);
        await app.CreateClient().PostAsJsonAsync("/api/v1/auth/forgot-password", new { email });
        var link = ApiClient.Query((await app.WaitForMailAsync(email, "Reset your")).LinkTo("/account/reset-password"));
        var reset = new { userId = link["userId"], code = link["code"], newPassword = "Brand-New-Cardamom-7" };

        var first = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/reset-password", reset);
        var second = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/reset-password", reset with { newPassword = "Another-New-Clove-8" });

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Contains("already used", (await second.JsonAsync()).GetProperty("errors").GetProperty("Code")[0].GetString());
        await app.LoginAsync(email, "Brand-New-Cardamom-7");
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password = ApiClient.Password })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.BearerClient(oldSession.AccessToken).GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = oldSession.RefreshToken })).StatusCode);
    }

    [Fact]
    public async Task Profile_name_and_phone_can_be_changed()
    {
        var (client, _) = await app.SignedInClientAsync();

        var response = await client.PutAsJsonAsync("/api/v1/me", new { name = "Asha R. Menon", phone = "+91 98450 12345" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var me = await (await client.GetAsync("/api/v1/me")).JsonAsync();
        Assert.Equal("Asha R. Menon", me.GetProperty("name").GetString());
        Assert.Equal("+91 98450 12345", me.GetProperty("phone").GetString());
        var invalid = await client.PutAsJsonAsync("/api/v1/me", new { name = "", phone = "call me maybe" });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
    }

    [Fact]
    public async Task An_email_change_takes_effect_only_when_the_new_address_confirms_it()
    {
        var (client, email) = await app.SignedInClientAsync();
        var newEmail = ApiClient.NewEmail("moved");

        var request = await client.PostAsJsonAsync("/api/v1/me/change-email", new { newEmail });

        Assert.Equal(HttpStatusCode.Accepted, request.StatusCode);
        Assert.Equal(email, (await (await client.GetAsync("/api/v1/me")).JsonAsync()).GetProperty("email").GetString());
        var link = ApiClient.Query((await app.WaitForMailAsync(newEmail, "Confirm your new email")).LinkTo("/account/confirm-email-change"));
        var confirm = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/confirm-email-change", new { userId = link["userId"], email = link["email"], code = link["code"] });
        Assert.Equal(HttpStatusCode.NoContent, confirm.StatusCode);
        var tokens = await app.LoginAsync(newEmail);
        Assert.Equal(newEmail, (await (await app.BearerClient(tokens.AccessToken).GetAsync("/api/v1/me")).JsonAsync()).GetProperty("email").GetString());
    }

    [Fact]
    public async Task Changing_the_password_needs_the_current_one_and_revokes_refresh_tokens()
    {
        var email = ApiClient.NewEmail();
        await app.RegisterConfirmedAsync(email);
        var tokens = await app.LoginAsync(email);
        var client = app.BearerClient(tokens.AccessToken);

        var wrong = await client.PostAsJsonAsync("/api/v1/me/change-password", new { currentPassword = "Not-Current-123", newPassword = "Fresh-Tamarind-44" });
        var weak = await client.PostAsJsonAsync("/api/v1/me/change-password", new { currentPassword = ApiClient.Password, newPassword = "password1" });
        var right = await client.PostAsJsonAsync("/api/v1/me/change-password", new { currentPassword = ApiClient.Password, newPassword = "Fresh-Tamarind-44" });

        Assert.True((await wrong.JsonAsync()).GetProperty("errors").TryGetProperty("CurrentPassword", out _));
        Assert.True((await weak.JsonAsync()).GetProperty("errors").TryGetProperty("NewPassword", out _));
        Assert.Equal(HttpStatusCode.NoContent, right.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = tokens.RefreshToken })).StatusCode);
        await app.LoginAsync(email, "Fresh-Tamarind-44");
    }
}

public sealed class ResetLinkExpiryTests
{
    [Fact]
    public async Task A_reset_link_expires_after_an_hour()
    {
        var clock = new AdjustableClock();
        await using var app = await new ShopAppFactory
        {
            ConfigureTestServices = services => services.AddSingleton<TimeProvider>(clock),
        }.StartAsync();
        var email = ApiClient.NewEmail();
        await app.RegisterConfirmedAsync(email);
        await app.CreateClient().PostAsJsonAsync("/api/v1/auth/forgot-password", new { email });
        var link = ApiClient.Query((await app.WaitForMailAsync(email, "Reset your")).LinkTo("/account/reset-password"));

        clock.Advance(TimeSpan.FromMinutes(61));
        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/reset-password", new { userId = link["userId"], code = link["code"], newPassword = "Too-Late-Jaggery-9" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        clock.Advance(TimeSpan.FromMinutes(-2));
        var justInTime = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/reset-password", new { userId = link["userId"], code = link["code"], newPassword = "Just-In-Time-Jaggery-9" });
        Assert.Equal(HttpStatusCode.NoContent, justInTime.StatusCode);
    }
}

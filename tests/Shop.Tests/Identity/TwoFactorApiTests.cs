using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Shop.Testing;
using Shop.Web.Modules.Identity.TwoFactor;

namespace Shop.Tests.Identity;

public sealed class TwoFactorApiTests(ShopAppFactory app) : IClassFixture<ShopAppFactory>
{
    private async Task<(string Key, IReadOnlyList<string> RecoveryCodes)> EnableAsync(string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var twoFactor = scope.ServiceProvider.GetRequiredService<TwoFactorSetup>();
        var userId = await app.UserIdAsync(email);
        var setup = await twoFactor.GetSetupAsync(userId);
        Assert.StartsWith("data:image/png;base64,", setup.QrCodeDataUri);
        Assert.Contains("otpauth://totp/", setup.AuthenticatorUri);
        return (setup.SharedKey, await twoFactor.EnableAsync(userId, Totp.Code(setup.SharedKey)));
    }

    private Task<HttpResponseMessage> LoginAsync(string email, string? twoFactorCode = null, string? recoveryCode = null) =>
        app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password = ApiClient.Password, twoFactorCode, recoveryCode });

    [Fact]
    public async Task With_two_factor_on_a_password_alone_is_not_enough()
    {
        var email = ApiClient.NewEmail();
        await app.RegisterConfirmedAsync(email);
        var (key, _) = await EnableAsync(email);

        var passwordOnly = await LoginAsync(email);
        var wrongCode = await LoginAsync(email, "000000");
        var withCode = await LoginAsync(email, Totp.Code(key));

        Assert.Equal(HttpStatusCode.Unauthorized, passwordOnly.StatusCode);
        Assert.Equal("two_factor_required", (await passwordOnly.JsonAsync()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, wrongCode.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withCode.StatusCode);
        var me = await (await app.BearerClient((await withCode.Content.ReadFromJsonAsync<Tokens>())!.AccessToken).GetAsync("/api/v1/me")).JsonAsync();
        Assert.True(me.GetProperty("twoFactorEnabled").GetBoolean());
    }

    [Fact]
    public async Task A_recovery_code_works_once()
    {
        var email = ApiClient.NewEmail();
        await app.RegisterConfirmedAsync(email);
        var (_, recoveryCodes) = await EnableAsync(email);

        var first = await LoginAsync(email, recoveryCode: recoveryCodes[0]);
        var again = await LoginAsync(email, recoveryCode: recoveryCodes[0]);

        Assert.Equal(10, recoveryCodes.Count);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
    }
}

public sealed class AdminTwoFactorRequirementTests
{
    [Fact]
    public async Task When_required_admins_without_two_factor_are_kept_out_of_admin_endpoints()
    {
        await using var app = await new ShopAppFactory().WithSettings(("Identity:RequireTwoFactorForAdmins", "true")).StartAsync();
        var email = ApiClient.NewEmail("admin");
        await app.RegisterConfirmedAsync(email);
        await app.GrantRolesAsync(email, "admin");
        var withoutTwoFactor = app.BearerClient((await app.LoginAsync(email)).AccessToken);
        Assert.Equal(HttpStatusCode.Forbidden, (await withoutTwoFactor.GetAsync("/api/v1/admin/users")).StatusCode);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var twoFactor = scope.ServiceProvider.GetRequiredService<TwoFactorSetup>();
            var userId = await app.UserIdAsync(email);
            await twoFactor.EnableAsync(userId, Totp.Code((await twoFactor.GetSetupAsync(userId)).SharedKey));
        }
        var key = await TwoFactorKeyAsync(app, email);
        var login = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password = ApiClient.Password, twoFactorCode = Totp.Code(key) });
        var withTwoFactor = app.BearerClient((await login.Content.ReadFromJsonAsync<Tokens>())!.AccessToken);

        Assert.Equal(HttpStatusCode.OK, (await withTwoFactor.GetAsync("/api/v1/admin/users")).StatusCode);
    }

    private static async Task<string> TwoFactorKeyAsync(ShopAppFactory app, string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<TwoFactorSetup>().GetSetupAsync(await app.UserIdAsync(email))).SharedKey;
    }
}

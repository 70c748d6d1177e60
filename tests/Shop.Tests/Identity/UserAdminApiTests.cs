using System.Net;
using System.Net.Http.Json;
using Shop.Testing;

namespace Shop.Tests.Identity;

public sealed class UserAdminApiTests(ShopAppFactory app) : IClassFixture<ShopAppFactory>
{
    [Fact]
    public async Task Admin_endpoints_are_for_admins_only()
    {
        var (customer, _) = await app.SignedInClientAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/v1/admin/users")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await customer.GetAsync("/api/v1/admin/users")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await customer.GetAsync("/api/v1/admin/seller-applications")).StatusCode);
    }

    [Fact]
    public async Task Admins_find_users_by_email_or_name_role_and_status()
    {
        var (admin, _) = await app.SignedInClientAsync("admin", "admin");
        var email = ApiClient.NewEmail("kavya");
        await app.RegisterConfirmedAsync(email, name: "Kavya Pillai");

        var byEmail = await (await admin.GetAsync($"/api/v1/admin/users?q={email[..10]}")).JsonAsync();
        var byName = await (await admin.GetAsync("/api/v1/admin/users?q=pillai&role=customer&status=active&pageSize=5")).JsonAsync();
        var invalid = await admin.GetAsync("/api/v1/admin/users?role=emperor&pageSize=1000");

        Assert.Equal(email, Assert.Single(byEmail.GetProperty("items").EnumerateArray()).GetProperty("email").GetString());
        Assert.Contains(byName.GetProperty("items").EnumerateArray(), u => u.GetProperty("email").GetString() == email);
        Assert.Equal(5, byName.GetProperty("pageSize").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var errors = (await invalid.JsonAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("Role", out _) && errors.TryGetProperty("PageSize", out _), errors.ToString());
    }

    [Fact]
    public async Task A_deactivated_user_loses_every_session_at_once_and_cannot_sign_in_until_reactivated()
    {
        var (admin, _) = await app.SignedInClientAsync("admin", "admin");
        var email = ApiClient.NewEmail();
        await app.RegisterConfirmedAsync(email);
        var tokens = await app.LoginAsync(email);
        var user = app.BearerClient(tokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync("/api/v1/me")).StatusCode);
        var id = await app.UserIdAsync(email);

        var deactivated = await admin.PostAsync($"/api/v1/admin/users/{id}/deactivate", null);

        Assert.False((await deactivated.JsonAsync()).GetProperty("active").GetBoolean());
        Assert.Equal(HttpStatusCode.Unauthorized, (await user.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = tokens.RefreshToken })).StatusCode);
        var login = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password = ApiClient.Password });
        Assert.Equal("deactivated", (await login.JsonAsync()).GetProperty("code").GetString());

        await admin.PostAsync($"/api/v1/admin/users/{id}/reactivate", null);
        await app.LoginAsync(email);
    }

    [Fact]
    public async Task A_role_change_takes_effect_on_the_users_next_request()
    {
        var (admin, _) = await app.SignedInClientAsync("admin", "admin");
        var (support, email) = await app.SignedInClientAsync("support");
        Assert.Equal(HttpStatusCode.Forbidden, (await support.GetAsync("/api/v1/admin/users")).StatusCode);
        var id = await app.UserIdAsync(email);

        var granted = await admin.PutAsJsonAsync($"/api/v1/admin/users/{id}/roles", new { roles = new[] { "customer", "admin" } });

        Assert.Equal(["admin", "customer"], (await granted.JsonAsync()).GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(HttpStatusCode.OK, (await support.GetAsync("/api/v1/admin/users")).StatusCode);
        await admin.PutAsJsonAsync($"/api/v1/admin/users/{id}/roles", new { roles = new[] { "customer" } });
        Assert.Equal(HttpStatusCode.Forbidden, (await support.GetAsync("/api/v1/admin/users")).StatusCode);
    }

    [Fact]
    public async Task Admins_cannot_lock_themselves_out_and_unknown_roles_are_refused()
    {
        var (admin, email) = await app.SignedInClientAsync("admin", "admin");
        var id = await app.UserIdAsync(email);

        var selfDeactivate = await admin.PostAsync($"/api/v1/admin/users/{id}/deactivate", null);
        var selfDemote = await admin.PutAsJsonAsync($"/api/v1/admin/users/{id}/roles", new { roles = new[] { "customer" } });
        var unknown = await admin.PutAsJsonAsync($"/api/v1/admin/users/{id}/roles", new { roles = new[] { "admin", "wizard" } });
        var missing = await admin.PostAsync($"/api/v1/admin/users/{Guid.NewGuid()}/deactivate", null);

        Assert.Equal(HttpStatusCode.Conflict, selfDeactivate.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, selfDemote.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}

using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Shop.Testing;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Modules.Identity.Data;
using Shop.Web.Platform.Database;

namespace Shop.Tests.Platform;

/// <summary>`Shop.Web setup`, run as its own process the way ./shop run and deployments run it.</summary>
public sealed class SetupCommandTests
{
    [Fact]
    public async Task Setup_migrates_an_empty_database_and_creates_the_first_admin_once()
    {
        var database = await TestPostgres.CreateEmptyDatabaseAsync();

        var first = await ShopCommand.RunAsync(database, "setup");
        var again = await ShopCommand.RunAsync(database, "setup");

        Assert.Equal(0, first.ExitCode);
        Assert.Contains($"Applied {Migrator.Scripts.Count} migration(s)", first.Output);
        Assert.Contains("email:    admin@shop.local", first.Output);
        var password = first.Output.Split('\n').Single(l => l.Contains("password:")).Split("password:")[1].Trim().Split(' ')[0];
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("Database schema is up to date.", again.Output);
        Assert.DoesNotContain("First admin", again.Output);

        await using var app = await new ShopAppFactory { SharedConnectionString = database }.StartAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ShopUser>>();
        var admin = Assert.Single(await users.GetUsersInRoleAsync(Roles.Admin));
        Assert.True(admin.EmailConfirmed);
        Assert.True(await users.CheckPasswordAsync(admin, password));
    }

    [Fact]
    public async Task The_first_admin_can_be_given_by_environment()
    {
        var database = await TestPostgres.CreateMigratedDatabaseAsync();
        var start = await ShopCommand.RunAsync(database, "setup", "--FirstAdmin:Email=owner@bazaar.in", "--FirstAdmin:Password=Correct-Horse-42");

        Assert.Equal(0, start.ExitCode);
        Assert.Contains("email:    owner@bazaar.in", start.Output);
        Assert.DoesNotContain("Correct-Horse-42", start.Output);
    }

    [Fact]
    public async Task The_demo_accounts_are_created_once_and_can_sign_in()
    {
        var database = await TestPostgres.CreateMigratedDatabaseAsync();

        var first = await ShopCommand.RunAsync(database, "setup", "--Demo:Accounts=true");
        var again = await ShopCommand.RunAsync(database, "setup", "--Demo:Accounts=true");

        Assert.Contains($"Demo accounts created ({DemoShoppers.All.Count + 3})", first.Output);
        Assert.DoesNotContain("Demo accounts", again.Output);
        await using var app = await new ShopAppFactory { SharedConnectionString = database }.StartAsync();
        var seller = await (await app.BearerClient((await app.LoginAsync("priya@bazaar.local", "Bazaar-Demo-2026")).AccessToken).GetAsync("/api/v1/me/seller-application")).JsonAsync();
        Assert.Equal("Priya Handlooms", seller.GetProperty("shopName").GetString());
        Assert.Equal("approved", seller.GetProperty("status").GetString());
        await app.LoginAsync("neha.support@bazaar.local", "Bazaar-Demo-2026");
    }

    [Fact]
    public async Task An_unknown_command_is_refused()
    {
        var result = await ShopCommand.RunAsync(await TestPostgres.CreateMigratedDatabaseAsync(), "frobnicate");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Unknown command 'frobnicate'", result.Output);
    }
}

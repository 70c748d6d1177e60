using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Modules.Identity.Data;
using Shop.Web.Platform.Commands;

namespace Shop.Web.Modules.Identity.FirstAdmin;

public sealed class FirstAdminOptions
{
    public const string Section = "FirstAdmin";

    public string Email { get; set; } = "admin@shop.local";

    /// <summary>Left empty, a strong password is generated and printed once.</summary>
    public string? Password { get; set; }
}

/// <summary>Creates the first admin account when the shop has none, so a new shop can be run at once.</summary>
internal sealed class FirstAdminSetup(
    UserManager<ShopUser> users,
    Microsoft.Extensions.Options.IOptions<FirstAdminOptions> options,
    TimeProvider clock) : ISetupStep
{
    public int Order => 10;

    public async Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        if ((await users.GetUsersInRoleAsync(Roles.Admin)).Count > 0)
            return;

        var settings = options.Value;
        var password = string.IsNullOrEmpty(settings.Password) ? GeneratePassword() : settings.Password;
        var admin = ShopUser.Create(settings.Email, "Administrator", clock.GetUtcNow());
        admin.EmailConfirmed = true;
        Check(await users.CreateAsync(admin, password));
        Check(await users.AddToRoleAsync(admin, Roles.Admin));

        await output.WriteLineAsync("First admin account created:");
        await output.WriteLineAsync($"  email:    {settings.Email}");
        await output.WriteLineAsync(string.IsNullOrEmpty(settings.Password)
            ? $"  password: {password}   (shown only this once; change it after signing in)"
            : "  password: the one given in FirstAdmin__Password");
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException("Could not create the first admin: " + string.Join(" ", result.Errors.Select(e => e.Description)));
    }

    private static string GeneratePassword()
    {
        const string alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return RandomNumberGenerator.GetString(alphabet, 20) + "-" + RandomNumberGenerator.GetString("!#%+=?@", 1) + RandomNumberGenerator.GetString("23456789", 2);
    }
}

using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Shop.Web.Modules.Identity.Auth;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Modules.Identity.Data;
using Shop.Web.Platform.Commands;
using Shop.Web.Platform.Database;

namespace Shop.Web.Modules.Identity.Demo;

public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Creates the demo accounts (README lists them) during setup.</summary>
    public bool Accounts { get; set; }

    public string Password { get; set; } = "Bazaar-Demo-2026";
}

/// <summary>The demo shop's people: two sellers with approved shops, the shoppers (each with an address), a support agent.</summary>
internal sealed class DemoAccountsSetup(
    UserManager<ShopUser> users,
    ShopDbContext db,
    ICustomerDirectory customers,
    IOptions<DemoOptions> options,
    TimeProvider clock) : ISetupStep
{
    private sealed record DemoAccount(string Email, string Name, string[] Roles, string? ShopName = null, string? ShopDescription = null);

    private static readonly DemoAccount[] Accounts =
    [
        new("priya@bazaar.local", "Priya Nair", [Roles.Seller, Roles.Customer], "Priya Handlooms", "Handloom cotton and silk sarees, kurtas and dupattas woven in Kerala and Tamil Nadu."),
        new("arjun@bazaar.local", "Arjun Mehta", [Roles.Seller, Roles.Customer], "Mehta Electronics", "Phones, audio and smart home gadgets with GST invoices and brand warranty."),
        .. DemoShoppers.All.Select(s => new DemoAccount(s.Email, s.Name, [Roles.Customer])),
        new("neha.support@bazaar.local", "Neha Kapoor", [Roles.Support]),
    ];

    public int Order => 20;

    public async Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        if (!options.Value.Accounts)
            return;
        var created = 0;
        foreach (var account in Accounts)
        {
            if (await users.FindByEmailAsync(account.Email) is not null)
                continue;
            var now = clock.GetUtcNow();
            var user = ShopUser.Create(account.Email, account.Name, now);
            user.EmailConfirmed = true;
            (await users.CreateAsync(user, options.Value.Password)).ThrowIfFailed();
            (await users.AddToRolesAsync(user, account.Roles)).ThrowIfFailed();
            if (account.ShopName is not null)
            {
                var application = SellerApplication.Submit(user.Id, account.ShopName, account.ShopDescription!, account.Email, "+91 80 4000 1234", now);
                application.Approve(user.Id, now);
                db.Add(application);
                await db.SaveChangesAsync(cancellationToken);
            }
            if (DemoShoppers.All.FirstOrDefault(s => s.Email == account.Email) is { } shopper)
                await customers.SaveAddressAsync(user.Id, shopper.Address);
            created++;
        }
        if (created > 0)
            await output.WriteLineAsync($"Demo accounts created ({created}); they all use the password {options.Value.Password}.");
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Shop.Web.Modules.Catalog.Contracts;
using Shop.Web.Modules.Content.Data;
using Shop.Web.Modules.Payments.Contracts;
using Shop.Web.Modules.Pricing.Contracts;
using Shop.Web.Platform.Commands;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Storefront;

namespace Shop.Web.Modules.Content.Setup;

/// <summary>
/// Writes the starter pages while the shop has none, after shipping and the catalog are set up, so
/// that what they say matches the shop's shipping rates, payment methods and categories.
/// </summary>
public sealed class StarterPagesSetup(
    ShopDbContext db, IPricing pricing, IPayments payments, ICatalogLookup catalog, IOptions<StorefrontSettings> store, Money money, TimeProvider clock)
    : ISetupStep
{
    public int Order => 70;

    public async Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        if (await db.Set<ShopPage>().AnyAsync(cancellationToken))
            return;
        var settings = store.Value;
        var facts = new ShopFacts(settings.Name, settings.Tagline, settings.SupportEmail, settings.SupportPhone, await pricing.ShippingTermsAsync(),
            (await payments.MethodsAsync()).Select(m => m.Name).ToList(), (await catalog.NavigationAsync()).Select(c => c.Name).ToList(), money.Tag);
        var pages = StarterPages.For(facts);
        foreach (var page in pages)
            db.Add(ShopPage.Create(page, clock.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        await output.WriteLineAsync($"Shop pages: {string.Join(", ", pages.Select(p => $"/pages/{p.Slug}"))}");
    }
}

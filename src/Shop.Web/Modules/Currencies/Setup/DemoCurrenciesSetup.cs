using Microsoft.EntityFrameworkCore;
using Shop.Web.Modules.Currencies.Data;
using Shop.Web.Platform.Commands;
using Shop.Web.Platform.Database;

namespace Shop.Web.Modules.Currencies.Setup;

/// <summary>The demo store shows prices in US dollars and euros too, at example rates, so the header's chooser has something to offer.</summary>
internal sealed class DemoCurrenciesSetup(ShopDbContext db, IConfiguration configuration, TimeProvider clock) : ISetupStep
{
    public int Order => 55;

    public async Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        if (!configuration.GetValue<bool>("Demo:Accounts") || await db.Set<CurrencyRate>().AnyAsync(cancellationToken))
            return;
        db.Add(new CurrencyRate("USD", 83.25m, isEnabled: true, chargeInCurrency: false, setBy: null, clock.GetUtcNow()));
        db.Add(new CurrencyRate("EUR", 90.10m, isEnabled: true, chargeInCurrency: false, setBy: null, clock.GetUtcNow()));
        db.Add(new CurrencyRate("AED", 22.67m, isEnabled: false, chargeInCurrency: false, setBy: null, clock.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        await output.WriteLineAsync("Demo display currencies: USD, EUR (example rates)");
    }
}

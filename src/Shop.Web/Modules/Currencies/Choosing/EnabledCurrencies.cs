using Microsoft.EntityFrameworkCore;
using Npgsql;
using Shop.Web.Modules.Currencies.Contracts;
using Shop.Web.Modules.Currencies.Data;
using Shop.Web.Platform.Database;

namespace Shop.Web.Modules.Currencies.Choosing;

/// <summary>
/// The enabled display currencies, kept in this instance's memory until one changes: saves made here drop
/// them at once, and the table's NOTIFY drops them on every instance. A load that fails is not kept.
/// </summary>
public sealed class EnabledCurrencies(IServiceScopeFactory scopes) : IDisplayCurrencies
{
    private Task<IReadOnlyList<DisplayCurrency>>? enabled;

    public async Task<IReadOnlyList<DisplayCurrency>> EnabledAsync()
    {
        var load = enabled ??= LoadAsync();
        try
        {
            return await load;
        }
        catch
        {
            _ = Interlocked.CompareExchange(ref enabled, null, load);
            throw;
        }
    }

    public void Invalidate() => enabled = null;

    // Its own scope: pages and their components ask at once, and a DbContext runs one query at a time.
    private async Task<IReadOnlyList<DisplayCurrency>> LoadAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        var rows = await scope.ServiceProvider.GetRequiredService<ShopDbContext>().Set<CurrencyRate>().AsNoTracking()
            .Where(c => c.IsEnabled).OrderBy(c => c.Code).ToListAsync();
        return rows.Where(r => IsoCurrencies.Find(r.Code) is not null)
            .Select(r => new DisplayCurrency(IsoCurrencies.Find(r.Code)!, r.Rate, r.ChargeInCurrency, r.RateSetAt)).ToList();
    }
}

/// <summary>Listens for the currencies table's NOTIFY (migration V0036), and after each (re)connection, and drops the cache.</summary>
internal sealed class CurrenciesChangeListener(NpgsqlDataSource dataSource, EnabledCurrencies currencies, ILogger<CurrenciesChangeListener> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PostgresNotifications.ListenAsync(dataSource, "shop_currencies", _ => currencies.Invalidate(), logger, stoppingToken);
}

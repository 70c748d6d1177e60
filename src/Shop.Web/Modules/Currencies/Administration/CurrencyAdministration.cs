using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Shop.Web.Modules.Currencies.Choosing;
using Shop.Web.Modules.Currencies.Contracts;
using Shop.Web.Modules.Currencies.Data;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Errors;
using Shop.Web.Platform.Storefront;

namespace Shop.Web.Modules.Currencies.Administration;

public sealed class CurrencyRateRequest
{
    /// <summary>How much of the shop's currency one unit of this currency is worth (83.25 for one US dollar in rupees).</summary>
    [Range(typeof(decimal), "0.000001", "1000000", ErrorMessage = "Enter a rate above 0 and at most 1,000,000."), Display(Name = "Rate")]
    public decimal Rate { get; set; }

    /// <summary>Shoppers may choose it in the header.</summary>
    public bool IsEnabled { get; set; }

    /// <summary>Card payments through a provider that charges in other currencies (Stripe) are charged in it.</summary>
    public bool ChargeInCurrency { get; set; }

    public static CurrencyRateRequest From(CurrencyView currency) =>
        new() { Rate = currency.Rate, IsEnabled = currency.IsEnabled, ChargeInCurrency = currency.ChargeInCurrency };
}

/// <param name="RateSetBy">The name of the admin who set the rate.</param>
public sealed record CurrencyView(string Code, string Name, int MinorUnits, decimal Rate, bool IsEnabled, bool ChargeInCurrency, DateTimeOffset RateSetAt, string RateSetBy);

/// <summary>The display currencies and their rates, as admins set them.</summary>
public sealed class CurrencyAdministration(ShopDbContext db, EnabledCurrencies enabled, IStaffDirectory staff, IOptions<StorefrontSettings> store, TimeProvider clock)
{
    public const int RateDecimals = 6;

    /// <summary>The currencies an admin may add: every known one but the shop's own.</summary>
    public IReadOnlyList<IsoCurrency> Addable => IsoCurrencies.All.Where(c => c.Code != store.Value.Currency).ToList();

    public async Task<IReadOnlyList<CurrencyView>> ListAsync()
    {
        var rows = await db.Set<CurrencyRate>().AsNoTracking().OrderBy(c => c.Code).ToListAsync();
        var names = await staff.NamesAsync(rows.Select(r => r.RateSetBy).OfType<Guid>().Distinct().ToList());
        return rows.Select(r => View(r, names)).ToList();
    }

    public async Task<CurrencyView?> GetAsync(string code) =>
        (await ListAsync()).FirstOrDefault(c => c.Code == Normalized(code));

    /// <summary>Adds the currency or changes its rate and settings; the rate records when and by whom it was set.</summary>
    public async Task<CurrencyView> SetAsync(string code, CurrencyRateRequest request, Guid adminId)
    {
        var currency = Known(code);
        if (decimal.Round(request.Rate, RateDecimals) != request.Rate)
            throw new InputValidationException(nameof(CurrencyRateRequest.Rate), $"Give the rate with at most {RateDecimals} decimals.");
        var row = await db.Set<CurrencyRate>().SingleOrDefaultAsync(c => c.Code == currency.Code);
        if (row is null)
            db.Add(new CurrencyRate(currency.Code, request.Rate, request.IsEnabled, request.ChargeInCurrency, adminId, clock.GetUtcNow()));
        else
            row.Set(request.Rate, request.IsEnabled, request.ChargeInCurrency, adminId, clock.GetUtcNow());
        await db.SaveChangesAsync();
        enabled.Invalidate();
        return (await GetAsync(currency.Code))!;
    }

    private IsoCurrency Known(string code)
    {
        var normalized = Normalized(code);
        if (normalized == store.Value.Currency)
            throw new InputValidationException("Code", $"{normalized} is the shop's own currency; prices are always shown in it.");
        return IsoCurrencies.Find(normalized) ?? throw new InputValidationException("Code", "Give the three-letter ISO 4217 code of a currency the shop knows, e.g. USD.");
    }

    private static string Normalized(string code) => code.Trim().ToUpperInvariant();

    private static CurrencyView View(CurrencyRate row, IReadOnlyDictionary<Guid, string> names)
    {
        var currency = IsoCurrencies.Find(row.Code);
        return new(row.Code, currency?.Name ?? row.Code, currency?.MinorUnits ?? 2, row.Rate, row.IsEnabled, row.ChargeInCurrency, row.RateSetAt,
            row.RateSetBy is { } admin ? names.GetValueOrDefault(admin, "a former admin") : "the shop's setup");
    }
}

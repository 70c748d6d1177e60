using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Modules.Ledger.Contracts;
using Shop.Web.Modules.Ledger.Data;
using Shop.Web.Platform.Api;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Errors;

namespace Shop.Web.Modules.Ledger.Accounts;

public sealed record EntryView(long Id, DateTimeOffset At, EntryKind Kind, decimal Amount, string Currency, string Description, Guid? OrderId);

public sealed record Statement(decimal Balance, string Currency, Paged<EntryView> Entries);

public sealed record SellerBalance(Guid SellerId, string ShopName, decimal Sales, decimal Commission, decimal Refunds, decimal Payouts, decimal Balance);

public sealed class PayoutRequest
{
    [Required]
    public Guid? SellerId { get; set; }

    [Range(typeof(decimal), "0.01", "100000000")]
    public decimal Amount { get; set; }

    [Required, MaxLength(120)]
    public string Reference { get; set; } = "";
}

/// <summary>Sellers' balances and statements (the sum of a seller's entries is its balance), and the payouts admins record.</summary>
public sealed class SellerAccounts(ShopDbContext db, ISellerDirectory sellers, Microsoft.Extensions.Options.IOptions<Platform.Storefront.StorefrontSettings> store,
    Platform.Storefront.Money money, TimeProvider clock) : ISellerAccountGlance
{
    private IQueryable<LedgerEntry> EntriesOf(Guid sellerId) => db.Set<LedgerEntry>().AsNoTracking().Where(e => e.SellerId == sellerId);

    private Task<decimal> BalanceAsync(Guid sellerId, CancellationToken cancellationToken = default) =>
        db.Set<SellerTotal>().AsNoTracking().Where(t => t.SellerId == sellerId).SumAsync(t => t.Total, cancellationToken);

    public async Task<Statement> StatementAsync(Guid sellerId, PageRequest page) =>
        new(await BalanceAsync(sellerId), store.Value.Currency,
            await EntriesOf(sellerId).OrderByDescending(e => e.Id)
                .Select(e => new EntryView(e.Id, e.CreatedAt, e.Kind, e.Amount, e.Currency, e.Description, e.OrderId)).ToPagedAsync(page));

    /// <summary>The whole statement as CSV, oldest first, with the running balance.</summary>
    public async Task<string> CsvAsync(Guid sellerId)
    {
        var csv = new StringBuilder("date,kind,description,amount,currency,balance\n");
        var balance = 0m;
        foreach (var entry in await EntriesOf(sellerId).OrderBy(e => e.Id).ToListAsync())
        {
            balance += entry.Amount;
            csv.Append(CultureInfo.InvariantCulture, $"{entry.CreatedAt:yyyy-MM-dd HH:mm},{entry.Kind.ToString().ToLowerInvariant()},\"{entry.Description.Replace("\"", "\"\"")}\",{entry.Amount:0.00},{entry.Currency},{balance:0.00}\n");
        }
        return csv.ToString();
    }

    public async Task<AccountGlance> GlanceAsync(Guid sellerId, CancellationToken cancellationToken = default)
    {
        var balance = await BalanceAsync(sellerId, cancellationToken);
        // Payouts are recorded as negative postings.
        var payout = await EntriesOf(sellerId).Where(e => e.Kind == EntryKind.Payout).OrderByDescending(e => e.Id)
            .Select(e => new Payout(-e.Amount, e.CreatedAt)).FirstOrDefaultAsync(cancellationToken);
        return new AccountGlance(balance, store.Value.Currency, payout);
    }

    public async Task<IReadOnlyList<SellerBalance>> BalancesAsync()
    {
        var sums = await db.Set<SellerTotal>().AsNoTracking().ToListAsync();
        var names = await sellers.FindAsync(sums.Select(s => s.SellerId).Distinct().ToList());
        return sums.GroupBy(s => s.SellerId).Select(g =>
        {
            decimal Of(EntryKind kind) => g.Where(s => s.Kind == kind).Sum(s => s.Total);
            return new SellerBalance(g.Key, names.GetValueOrDefault(g.Key)?.ShopName ?? "Seller", Of(EntryKind.Sale), Of(EntryKind.Commission), Of(EntryKind.Refund),
                Of(EntryKind.Payout), g.Sum(s => s.Total));
        }).OrderByDescending(b => b.Balance).ToList();
    }

    /// <summary>Records money paid out to a seller, never more than the balance; payouts to one seller take turns.</summary>
    public async Task<decimal> PayOutAsync(PayoutRequest request)
    {
        var sellerId = request.SellerId!.Value;
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({sellerId.ToString()}, 0))");
        var balance = await BalanceAsync(sellerId);
        if (request.Amount > balance)
            throw new ConflictException("payout.exceeds_balance", $"The seller's balance is {money.Show(balance)}; a payout cannot be more.");
        db.Add(new LedgerEntry(sellerId, null, EntryKind.Payout, -request.Amount, store.Value.Currency, $"Payout {request.Reference.Trim()}",
            $"payout:{Guid.CreateVersion7()}", clock.GetUtcNow()));
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return balance - request.Amount;
    }
}

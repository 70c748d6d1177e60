using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Shop.Web.Modules.Ledger.Data;
using Shop.Web.Modules.Ordering.Contracts;
using Shop.Web.Modules.Payments.Contracts;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Outbox;

namespace Shop.Web.Modules.Ledger.Accounts;

public sealed class LedgerOptions
{
    public const string Section = "Ledger";

    /// <summary>Commission when no rule matches.</summary>
    public decimal DefaultCommissionPercent { get; set; } = 10m;
}

/// <summary>
/// Posts what happens to orders' money to the sellers' accounts: a paid order is a sale less
/// commission per seller; a refund takes each seller's share back and returns that share of the
/// commission. Each posting's source is unique, so a redelivered event posts nothing new.
/// </summary>
internal sealed class LedgerPostings(ShopDbContext db, IOptions<LedgerOptions> options, TimeProvider clock)
    : IIntegrationEventHandler<OrderPaid>, IIntegrationEventHandler<RefundIssued>
{
    public async Task HandleAsync(OrderPaid paid, CancellationToken cancellationToken)
    {
        if (await db.Set<LedgerEntry>().AnyAsync(e => e.Source == $"sale:{paid.OrderId}:{paid.Lines[0].SellerId}", cancellationToken))
            return;
        var rules = await db.Set<CommissionRule>().AsNoTracking().ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var seller in paid.Lines.GroupBy(l => l.SellerId))
        {
            var sale = seller.Sum(l => l.Amount);
            var commission = Math.Round(seller.Sum(l => l.Amount * CommissionRule.PercentFor(rules, seller.Key, l.CategoryId, options.Value.DefaultCommissionPercent) / 100m),
                2, MidpointRounding.AwayFromZero);
            db.Add(new LedgerEntry(seller.Key, paid.OrderId, EntryKind.Sale, sale, paid.Currency, $"Sale, order {paid.Number}", $"sale:{paid.OrderId}:{seller.Key}", now));
            db.Add(new LedgerEntry(seller.Key, paid.OrderId, EntryKind.Commission, -commission, paid.Currency, $"Commission, order {paid.Number}",
                $"commission:{paid.OrderId}:{seller.Key}", now));
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task HandleAsync(RefundIssued refund, CancellationToken cancellationToken)
    {
        var postings = await db.Set<LedgerEntry>().AsNoTracking()
            .Where(e => e.OrderId == refund.OrderId && (e.Kind == EntryKind.Sale || e.Kind == EntryKind.Commission)).ToListAsync(cancellationToken);
        var sales = postings.Where(e => e.Kind == EntryKind.Sale).ToList();
        var total = sales.Sum(e => e.Amount);
        if (total <= 0 || await db.Set<LedgerEntry>().AnyAsync(e => e.Source.StartsWith($"refund:{refund.RefundId}:"), cancellationToken))
            return;
        // Each seller carries the refund in proportion to its sale; the biggest takes the rounding remainder.
        var amount = Math.Min(refund.Amount, total);
        var shares = sales.ToDictionary(s => s.SellerId, s => Math.Round(amount * s.Amount / total, 2, MidpointRounding.AwayFromZero));
        var largest = sales.OrderByDescending(s => s.Amount).First().SellerId;
        shares[largest] += amount - shares.Values.Sum();
        var now = clock.GetUtcNow();
        foreach (var sale in sales)
        {
            var share = shares[sale.SellerId];
            var commission = -postings.Where(e => e.Kind == EntryKind.Commission && e.SellerId == sale.SellerId).Sum(e => e.Amount);
            var returnedCommission = Math.Round(commission * share / sale.Amount, 2, MidpointRounding.AwayFromZero);
            db.Add(new LedgerEntry(sale.SellerId, refund.OrderId, EntryKind.Refund, -share, sale.Currency, $"Refund: {refund.Reason}", $"refund:{refund.RefundId}:{sale.SellerId}", now));
            if (returnedCommission != 0)
                db.Add(new LedgerEntry(sale.SellerId, refund.OrderId, EntryKind.Commission, returnedCommission, sale.Currency, "Commission returned with a refund",
                    $"refund-commission:{refund.RefundId}:{sale.SellerId}", now));
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Shop.Web.Modules.Analytics.Contracts;
using Shop.Web.Modules.Analytics.Data;
using Shop.Web.Modules.Catalog.Contracts;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Storefront;

namespace Shop.Web.Modules.Analytics.Reports;

/// <summary>
/// Reads the rollups: a period costs one row per day (per seller, product or query for breakdowns),
/// however many orders the shop has.
/// </summary>
internal sealed class AnalyticsReports(
    ShopDbContext db, IOptions<StorefrontSettings> store, TimeProvider clock, IProductDirectory products, ISellerDirectory sellers, ICatalogLookup catalog)
    : IAnalytics
{
    private sealed record Totals(decimal Gross, decimal Refunds, int Orders, int Units, long Views, long Ordered, int NewCustomers, int ReturningOrders, int OrdersPlaced);

    private sealed record DayFigures(DateOnly Day, decimal Gross, decimal Refunds, int Orders);

    public Period Parse(PeriodRequest request) => PeriodParser.Parse(request, store.Value.DayOf(clock.GetUtcNow()));

    public async Task<AnalyticsSummary> SummaryAsync(Period period, Guid? sellerId, CancellationToken cancellationToken = default)
    {
        var now = await TotalsAsync(period.Range, sellerId, cancellationToken);
        var before = period.Comparison is { } comparison ? await TotalsAsync(comparison, sellerId, cancellationToken) : null;
        Figure Of(Func<Totals, decimal> figure) => Compare(figure(now), before is null ? null : figure(before));
        return new AnalyticsSummary(period, store.Value.Currency,
            Of(t => t.Gross), Of(t => t.Refunds), Of(t => t.Gross - t.Refunds), Of(t => t.Orders),
            Of(t => t.Orders == 0 ? 0 : Math.Round(t.Gross / t.Orders, 2, MidpointRounding.AwayFromZero)), Of(t => t.Units),
            Of(t => t.Views), Of(t => Rate(t.Ordered, t.Views)),
            sellerId is null ? Of(t => t.NewCustomers) : null,
            sellerId is null ? Of(t => Rate(t.ReturningOrders, t.OrdersPlaced)) : null);
    }

    public async Task<SalesSeries> SeriesAsync(Period period, Guid? sellerId, CancellationToken cancellationToken = default) =>
        new(period, await PointsAsync(period.Range, period.Bucket, sellerId, cancellationToken),
            period.Comparison is { } comparison ? await PointsAsync(comparison, period.Bucket, sellerId, cancellationToken) : null);

    public async Task<IReadOnlyList<ProductFigure>> TopProductsAsync(Period period, Guid? sellerId, int limit, CancellationToken cancellationToken = default)
    {
        var plan = MonthlyReadPlan.For(period.Range, store.Value.DayOf(clock.GetUtcNow()));
        var (a, b) = MonthlyReadPlan.Two(plan.Added);
        var (x, y) = MonthlyReadPlan.Two(plan.Taken);
        var daily = db.Set<ProductSales>().AsNoTracking().Where(p => sellerId == null || p.SellerId == sellerId);
        var added = daily.Where(p => (p.Day >= a.From && p.Day <= a.To) || (p.Day >= b.From && p.Day <= b.To))
            .Select(p => new { p.ProductId, p.Gross, p.Refunds, p.Units, p.Orders });
        var taken = daily.Where(p => (p.Day >= x.From && p.Day <= x.To) || (p.Day >= y.From && p.Day <= y.To))
            .Select(p => new { p.ProductId, Gross = -p.Gross, Refunds = -p.Refunds, Units = -p.Units, Orders = -p.Orders });
        var months = db.Set<ProductMonthlySales>().AsNoTracking()
            .Where(p => p.Month >= plan.MonthsFrom && p.Month < plan.MonthsTo && (sellerId == null || p.SellerId == sellerId))
            .Select(p => new { p.ProductId, p.Gross, p.Refunds, p.Units, p.Orders });
        var top = await added.Concat(taken).Concat(months)
            .GroupBy(p => p.ProductId)
            .Select(g => new { ProductId = g.Key, Gross = g.Sum(p => p.Gross), Refunds = g.Sum(p => p.Refunds), Units = g.Sum(p => p.Units), Orders = g.Sum(p => p.Orders) })
            .Where(p => p.Gross != 0 || p.Refunds != 0)
            .OrderByDescending(p => p.Gross).ThenBy(p => p.ProductId).Take(limit).ToListAsync(cancellationToken);
        var names = await products.FindAsync(top.Select(p => p.ProductId).ToList(), cancellationToken);
        return top.Select(p => new ProductFigure(p.ProductId, names.GetValueOrDefault(p.ProductId)?.Title ?? "(removed product)",
            p.Gross, p.Refunds, p.Gross - p.Refunds, p.Units, p.Orders)).ToList();
    }

    public async Task<IReadOnlyList<SellerFigure>> SellersAsync(Period period, int limit, CancellationToken cancellationToken = default)
    {
        var (from, to) = (period.Range.From, period.Range.To);
        var top = await db.Set<SellerSales>().AsNoTracking()
            .Where(s => s.Day >= from && s.Day <= to)
            .GroupBy(s => s.SellerId)
            .Select(g => new { SellerId = g.Key, Gross = g.Sum(s => s.Gross), Refunds = g.Sum(s => s.Refunds), Units = g.Sum(s => s.Units), Orders = g.Sum(s => s.Orders) })
            .Where(s => s.Gross != 0 || s.Refunds != 0)
            .OrderByDescending(s => s.Gross).ThenBy(s => s.SellerId).Take(limit).ToListAsync(cancellationToken);
        var names = await sellers.FindAsync(top.Select(s => s.SellerId).ToList());
        return top.Select(s => new SellerFigure(s.SellerId, names.GetValueOrDefault(s.SellerId)?.ShopName ?? "(former seller)",
            s.Gross, s.Refunds, s.Gross - s.Refunds, s.Units, s.Orders)).ToList();
    }

    public async Task<IReadOnlyList<CategoryFigure>> CategoriesAsync(Period period, Guid? parentId, CancellationToken cancellationToken = default)
    {
        var (from, to) = (period.Range.From, period.Range.To);
        var byCategory = await db.Set<CategorySales>().AsNoTracking()
            .Where(p => p.Day >= from && p.Day <= to)
            .GroupBy(p => p.CategoryId)
            .Select(g => new { CategoryId = g.Key, Gross = g.Sum(p => p.Gross), Refunds = g.Sum(p => p.Refunds), Units = g.Sum(p => p.Units) })
            .ToListAsync(cancellationToken);
        var tree = CategoryPaths(await catalog.CategoriesAsync());
        var level = 0;
        if (parentId is { } parent)
        {
            if (!tree.TryGetValue(parent, out var parentPath))
                return [];
            level = parentPath.Count;
        }
        return byCategory
            .Select(c => (Sales: c, Path: tree.GetValueOrDefault(c.CategoryId)))
            .Where(c => parentId is null ? true : c.Path is not null && c.Path.Count >= level && c.Path[level - 1].Id == parentId)
            .GroupBy(c => c.Path is null ? null : c.Path[Math.Min(level, c.Path.Count - 1)])
            .Select(g => new CategoryFigure(g.Key?.Id, g.Key?.Name ?? "Uncategorised",
                g.Key is { } node && node.Id != parentId && tree.Values.Any(p => p.Count > node.Depth + 1 && p[node.Depth].Id == node.Id),
                g.Sum(c => c.Sales.Gross), g.Sum(c => c.Sales.Refunds), g.Sum(c => c.Sales.Gross - c.Sales.Refunds), g.Sum(c => c.Sales.Units)))
            .Where(c => c.GrossSales != 0 || c.Refunds != 0)
            .OrderByDescending(c => c.GrossSales).ThenBy(c => c.Name, StringComparer.Ordinal)
            .ToList();
    }

    public async Task<IReadOnlyList<PaymentMethodFigure>> PaymentMethodsAsync(Period period, CancellationToken cancellationToken = default)
    {
        var (from, to) = (period.Range.From, period.Range.To);
        return await db.Set<PaymentMethodSales>().AsNoTracking()
            .Where(m => m.Day >= from && m.Day <= to)
            .GroupBy(m => m.Method)
            .Select(g => new { Method = g.Key, Orders = g.Sum(m => m.Orders), Gross = g.Sum(m => m.Gross) })
            .Where(m => m.Orders != 0)
            .OrderByDescending(m => m.Gross).ThenBy(m => m.Method)
            .Select(m => new PaymentMethodFigure(m.Method, m.Orders, m.Gross)).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<StatusFigure>> StatusesAsync(Period period, CancellationToken cancellationToken = default)
    {
        var (from, to) = (period.Range.From, period.Range.To);
        return await db.Set<StatusCount>().AsNoTracking()
            .Where(s => s.Day >= from && s.Day <= to)
            .GroupBy(s => s.Status)
            .Select(g => new { Status = g.Key, Orders = g.Sum(s => s.Orders) })
            .Where(s => s.Orders != 0)
            .OrderByDescending(s => s.Orders).ThenBy(s => s.Status)
            .Select(s => new StatusFigure(s.Status, s.Orders)).ToListAsync(cancellationToken);
    }

    public async Task<FunnelFigures> FunnelAsync(Period period, CancellationToken cancellationToken = default)
    {
        var (from, to) = (period.Range.From, period.Range.To);
        // Each day's distinct visitors, added up: a visitor of two days counts twice (ADR 0023).
        var steps = await db.Set<FunnelDaily>().AsNoTracking().Where(f => f.Day >= from && f.Day <= to)
            .GroupBy(_ => 1).Select(g => new { Views = g.Sum(f => f.ProductViews), Adds = g.Sum(f => f.CartAdds), Checkouts = g.Sum(f => f.CheckoutsStarted), Ordered = g.Sum(f => f.Ordered) })
            .SingleOrDefaultAsync(cancellationToken);
        return new FunnelFigures(steps?.Views ?? 0, steps?.Adds ?? 0, steps?.Checkouts ?? 0, steps?.Ordered ?? 0);
    }

    public async Task<SearchInsight> SearchesAsync(Period period, int limit, CancellationToken cancellationToken = default)
    {
        var (from, to) = (period.Range.From, period.Range.To);
        var inPeriod = db.Set<SearchCount>().AsNoTracking().Where(s => s.Day >= from && s.Day <= to)
            .GroupBy(s => s.Query).Select(g => new { Query = g.Key, Searches = g.Sum(s => s.Searches), Zero = g.Sum(s => s.ZeroResults) });
        var top = await inPeriod.OrderByDescending(s => s.Searches).ThenBy(s => s.Query).Take(limit).ToListAsync(cancellationToken);
        var zero = await inPeriod.Where(s => s.Zero > 0).OrderByDescending(s => s.Zero).ThenBy(s => s.Query).Take(limit).ToListAsync(cancellationToken);
        var queries = top.Concat(zero).Select(s => s.Query).Distinct().ToList();
        var latest = (await db.Set<SearchCount>().AsNoTracking().Where(s => s.Day >= from && s.Day <= to && queries.Contains(s.Query))
                .Select(s => new { s.Query, s.Day, s.LastResults }).ToListAsync(cancellationToken))
            .GroupBy(s => s.Query).ToDictionary(g => g.Key, g => g.MaxBy(s => s.Day)!.LastResults);
        return new SearchInsight(
            top.Select(s => new SearchFigure(s.Query, s.Searches, s.Zero, latest[s.Query])).ToList(),
            zero.Select(s => new SearchFigure(s.Query, s.Searches, s.Zero, latest[s.Query])).ToList());
    }

    private async Task<Totals> TotalsAsync(DayRange range, Guid? sellerId, CancellationToken cancellationToken)
    {
        var (from, to) = (range.From, range.To);
        if (sellerId is { } seller)
        {
            var own = await db.Set<SellerSales>().AsNoTracking().Where(s => s.SellerId == seller && s.Day >= from && s.Day <= to)
                .GroupBy(_ => 1).Select(g => new { Gross = g.Sum(s => s.Gross), Refunds = g.Sum(s => s.Refunds), Orders = g.Sum(s => s.Orders), Units = g.Sum(s => s.Units) })
                .SingleOrDefaultAsync(cancellationToken);
            var views = await db.Set<SellerViews>().AsNoTracking().Where(v => v.SellerId == seller && v.Day >= from && v.Day <= to).SumAsync(v => v.Views, cancellationToken);
            return new Totals(own?.Gross ?? 0, own?.Refunds ?? 0, own?.Orders ?? 0, own?.Units ?? 0, views, own?.Orders ?? 0, 0, 0, 0);
        }
        var shop = await db.Set<DailySales>().AsNoTracking().Where(d => d.Day >= from && d.Day <= to)
            .GroupBy(_ => 1).Select(g => new
            {
                Gross = g.Sum(d => d.Gross), Refunds = g.Sum(d => d.Refunds), Orders = g.Sum(d => d.Orders), Units = g.Sum(d => d.Units),
                Placed = g.Sum(d => d.OrdersPlaced), New = g.Sum(d => d.NewCustomers), Returning = g.Sum(d => d.ReturningOrders),
            })
            .SingleOrDefaultAsync(cancellationToken);
        // The shop's conversion is of visitors: those who ordered per those who viewed a product.
        var funnel = await db.Set<FunnelDaily>().AsNoTracking().Where(f => f.Day >= from && f.Day <= to)
            .GroupBy(_ => 1).Select(g => new { Viewers = g.Sum(f => f.ProductViews), Ordered = g.Sum(f => f.Ordered) })
            .SingleOrDefaultAsync(cancellationToken);
        return new Totals(shop?.Gross ?? 0, shop?.Refunds ?? 0, shop?.Orders ?? 0, shop?.Units ?? 0, funnel?.Viewers ?? 0, funnel?.Ordered ?? 0,
            shop?.New ?? 0, shop?.Returning ?? 0, shop?.Placed ?? 0);
    }

    private async Task<IReadOnlyList<SeriesPoint>> PointsAsync(DayRange range, Bucket bucket, Guid? sellerId, CancellationToken cancellationToken)
    {
        var (from, to) = (range.From, range.To);
        var days = sellerId is { } seller
            ? await db.Set<SellerSales>().AsNoTracking().Where(s => s.SellerId == seller && s.Day >= from && s.Day <= to)
                .Select(s => new DayFigures(s.Day, s.Gross, s.Refunds, s.Orders)).ToListAsync(cancellationToken)
            : await db.Set<DailySales>().AsNoTracking().Where(d => d.Day >= from && d.Day <= to)
                .Select(d => new DayFigures(d.Day, d.Gross, d.Refunds, d.Orders)).ToListAsync(cancellationToken);
        var byBucket = days.GroupBy(d => Start(d.Day, bucket)).ToDictionary(g => g.Key, g => g.ToList());
        var points = new List<SeriesPoint>();
        for (var start = Start(from, bucket); start <= to; start = Next(start, bucket))
        {
            var inBucket = byBucket.GetValueOrDefault(start) ?? [];
            var gross = inBucket.Sum(d => d.Gross);
            points.Add(new SeriesPoint(start < from ? from : start, gross, gross - inBucket.Sum(d => d.Refunds), inBucket.Sum(d => d.Orders)));
        }
        return points;
    }

    private static DateOnly Start(DateOnly day, Bucket bucket) => bucket switch
    {
        Bucket.Week => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
        Bucket.Month => new DateOnly(day.Year, day.Month, 1),
        _ => day,
    };

    private static DateOnly Next(DateOnly start, Bucket bucket) => bucket switch
    {
        Bucket.Week => start.AddDays(7),
        Bucket.Month => start.AddMonths(1),
        _ => start.AddDays(1),
    };

    private static Figure Compare(decimal value, decimal? previous) =>
        new(value, previous, previous is { } before && before != 0 ? Math.Round((value - before) / before, 4, MidpointRounding.AwayFromZero) : null);

    private static decimal Rate(long part, long whole) => whole == 0 ? 0 : Math.Round((decimal)part / whole, 4, MidpointRounding.AwayFromZero);

    private sealed record CategoryNode(Guid Id, string Name, int Depth);

    /// <summary>Each category's path from its top-level ancestor down to itself, from the tree listed depth-first.</summary>
    private static Dictionary<Guid, IReadOnlyList<CategoryNode>> CategoryPaths(IReadOnlyList<CategoryChoice> flattened)
    {
        var paths = new Dictionary<Guid, IReadOnlyList<CategoryNode>>();
        var trail = new List<CategoryNode>();
        foreach (var category in flattened)
        {
            trail.RemoveRange(category.Depth, trail.Count - category.Depth);
            trail.Add(new CategoryNode(category.Id, category.Name, category.Depth));
            paths[category.Id] = trail.ToList();
        }
        return paths;
    }
}

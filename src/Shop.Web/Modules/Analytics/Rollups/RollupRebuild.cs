using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Shop.Web.Modules.Analytics.Data;
using Shop.Web.Modules.Ordering.Contracts;
using Shop.Web.Modules.Payments.Contracts;
using Shop.Web.Platform.Commands;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Storefront;

namespace Shop.Web.Modules.Analytics.Rollups;

/// <summary>
/// Recounts every sales rollup from the orders and refunds themselves, in one transaction that keeps
/// the outbox handlers waiting (they resume on the recounted rows). Shopping steps and searches are
/// not in the order history and stay as they are.
/// </summary>
internal sealed class RollupRebuild(ShopDbContext db, IOrderFacts orders, IRefundHistory refunds, RollupWriter writer, IOptions<StorefrontSettings> store)
{
    private const int PageSize = 2_000;
    private const int FlushAt = 50_000;

    public async Task<int> RunAsync(IProgress<(int Done, int Total)> progress, CancellationToken cancellationToken)
    {
        var dayOf = store.Value.DayOf;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await writer.GateAsync(exclusive: true, cancellationToken);
        await db.Database.ExecuteSqlRawAsync("""
            TRUNCATE analytics.daily_sales, analytics.seller_sales, analytics.product_sales, analytics.category_sales, analytics.product_sales_monthly,
                     analytics.payment_method_sales,
                     analytics.status_counts, analytics.counted_orders, analytics.customers
            """, cancellationToken);
        var refundsByOrder = (await refunds.RefundsAsync(cancellationToken)).ToLookup(r => r.OrderId);
        var total = await orders.CountAsync(cancellationToken);
        var customers = new Dictionary<string, FirstOrder>();
        var counted = new List<CountedOrder>();
        var delta = new RollupDelta();
        var done = 0;
        progress.Report((0, total));
        // Any order will do: each customer's first order is settled by comparison, whichever comes first.
        for (var page = await orders.PageAsync(null, PageSize, cancellationToken); page.Count > 0; page = await orders.PageAsync(page[^1].Id, PageSize, cancellationToken))
        {
            foreach (var order in page)
            {
                var key = RollupRules.CustomerKey(order);
                customers[key] = RollupRules.Customer(delta, customers.GetValueOrDefault(key), order, dayOf);
                var orderRefunds = refundsByOrder[order.Id].ToList();
                counted.Add(RollupRules.Count(delta, order, null, orderRefunds, dayOf));
                foreach (var refund in orderRefunds)
                    RollupRules.Refund(delta, order, refund, dayOf);
            }
            if (delta.Size >= FlushAt)
            {
                await writer.WriteAsync(delta, cancellationToken);
                delta = new RollupDelta();
            }
            done += page.Count;
            progress.Report((done, Math.Max(total, done)));
        }
        await writer.WriteAsync(delta, cancellationToken);
        await writer.CopyAsync(counted, customers.Values, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return done;
    }
}

/// <summary>`Shop.Web analytics rebuild`: recounts the sales figures from the order history, with a progress bar.</summary>
internal sealed class AnalyticsCommand(RollupRebuild rebuild) : IShopCommand
{
    public string Name => "analytics";

    public string Usage => "analytics rebuild";

    public async Task RunAsync(IReadOnlyList<string> arguments, TextWriter output, CancellationToken cancellationToken)
    {
        if (arguments is not ["rebuild"])
        {
            await output.WriteLineAsync($"Usage: {Usage}");
            Environment.ExitCode = 2;
            return;
        }
        var started = TimeProvider.System.GetTimestamp();
        var bar = new ProgressBar(output);
        var counted = await rebuild.RunAsync(bar, cancellationToken);
        bar.Finish();
        await output.WriteLineAsync($"Rebuilt the sales figures from {counted:N0} orders in {TimeProvider.System.GetElapsedTime(started).TotalSeconds:N1} s.");
    }

    /// <summary>Redraws one line in place: a bar, the percentage and the count.</summary>
    private sealed class ProgressBar(TextWriter output) : IProgress<(int Done, int Total)>
    {
        private const int Width = 40;
        private int lastPercent = -1;

        public void Report((int Done, int Total) value)
        {
            var percent = value.Total == 0 ? 100 : (int)(100L * value.Done / value.Total);
            if (percent == lastPercent)
                return;
            lastPercent = percent;
            var filled = percent * Width / 100;
            output.Write($"\r[{new string('#', filled)}{new string('.', Width - filled)}] {percent,3}% {value.Done:N0}/{value.Total:N0} orders");
            output.Flush();
        }

        public void Finish() => output.WriteLine();
    }
}

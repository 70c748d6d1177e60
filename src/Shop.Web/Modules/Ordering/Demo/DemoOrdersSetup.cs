using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Shop.Web.Modules.Catalog.Contracts;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Modules.Inventory.Contracts;
using Shop.Web.Modules.Ordering.Checkout;
using Shop.Web.Modules.Ordering.Contracts;
using Shop.Web.Modules.Ordering.Data;
using Shop.Web.Modules.Payments.Contracts;
using Shop.Web.Modules.Pricing.Contracts;
using Shop.Web.Platform.Commands;
using Shop.Web.Platform.Database;
using Shop.Web.Platform.Storefront;

namespace Shop.Web.Modules.Ordering.Demo;

/// <summary>
/// Half a year of the demo shoppers' orders, in every status, so order history, the dashboards, "best
/// selling" and recommendations have something to show. Each order is priced by the shop's own rules
/// and walks its life through the order's own transitions, dated in the past; orders still open hold
/// their stock. No messages go out: these are history, not news.
/// </summary>
internal sealed class DemoOrdersSetup(
    ShopDbContext db, ICustomerDirectory customers, ICatalogLookup catalog, IPricing pricing, IPayments payments, IInventory inventory,
    Money money, IOptions<ReturnPolicy> returns, IConfiguration configuration, TimeProvider clock) : ISetupStep
{
    private const int OrderCount = 240;
    private const int HistoryDays = 180;
    private static readonly string[] Carriers = ["Delhivery", "Blue Dart", "India Post", "Ekart"];
    private static readonly string[] ReturnReasons = ["The size does not fit.", "The colour is not as shown.", "Arrived with a scratch.", "Ordered twice by mistake."];

    public int Order => 80;

    public async Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        if (!configuration.GetValue<bool>("Demo:Accounts") || await db.Set<Order>().AnyAsync(cancellationToken))
            return;
        var shoppers = await ShoppersAsync();
        var variants = (await catalog.VariantsAsync(await catalog.VariantsForSaleAsync(2_000))).Values.Where(v => v.Purchasable).ToList();
        var shipping = (await pricing.ShippingMethodsAsync()).FirstOrDefault();
        if (shoppers.Count == 0 || variants.Count == 0 || shipping is null)
            return;
        var online = (await payments.MethodsAsync()).FirstOrDefault(m => m.PaysOnline)?.Code ?? Data.Order.CashOnDelivery;
        var levels = await inventory.LevelsAsync(variants.Select(v => v.VariantId).ToList());
        var inStock = variants.Where(v => levels.GetValueOrDefault(v.VariantId)?.Available >= 4).ToList();
        var random = new Random(2026);
        var now = clock.GetUtcNow();
        var placed = 0;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < OrderCount; i++)
        {
            var (shopper, contact) = shoppers[random.Next(shoppers.Count)];
            var paymentMethod = random.Next(10) < 4 ? Data.Order.CashOnDelivery : online;
            var (age, target) = i < Showcase.Length ? Showcase[i] : Outcome(random);
            if (target == OrderStatus.Paid)
                paymentMethod = online;
            var open = target is OrderStatus.PendingPayment or OrderStatus.Paid or OrderStatus.Processing;
            var pool = open ? inStock : variants;
            if (pool.Count == 0)
                continue;
            var lines = Enumerable.Range(0, random.Next(10) < 7 ? 1 : random.Next(2, 4)).Select(_ => pool[random.Next(pool.Count)])
                .DistinctBy(v => v.VariantId).Select(v => (Variant: v, Quantity: random.Next(10) < 8 ? 1 : 2)).ToList();
            var order = await PlaceAsync(contact, shopper.Address, shipping.Code, paymentMethod, lines, now - age);
            if (order is null || open && !await HoldAsync(order))
                continue;
            Live(order, target, age, random);
            db.Add(order);
            placed++;
            if (placed % 40 == 0)
                await db.SaveChangesAsync(cancellationToken);
            ProgressBar.Write(output, "Orders", i + 1, OrderCount, watch.Elapsed);
        }
        await db.SaveChangesAsync(cancellationToken);
        await output.WriteLineAsync($"{Environment.NewLine}Demo orders: {placed} over the last {HistoryDays} days.");
    }

    private async Task<List<(DemoShoppers.Shopper Shopper, CustomerContact Contact)>> ShoppersAsync()
    {
        var found = (await customers.FindByEmailAsync(DemoShoppers.All.Select(s => s.Email).ToList())).ToDictionary(c => c.Email);
        return DemoShoppers.All.Where(s => found.ContainsKey(s.Email)).Select(s => (s, found[s.Email])).ToList();
    }

    private async Task<Order?> PlaceAsync(CustomerContact buyer, PostalAddress address, string shipping, string paymentMethod,
        List<(VariantInfo Variant, int Quantity)> lines, DateTimeOffset at)
    {
        var quote = await pricing.QuoteAsync(new PricingRequest(
            lines.Select(l => new PricingLine(l.Variant.VariantId, l.Variant.ProductId, l.Variant.SellerId, l.Variant.CategoryPath, l.Variant.Price, l.Quantity, l.Variant.WeightGrams)).ToList(),
            null, new Buyer(buyer.UserId, buyer.Email), new Destination(address.State, address.PostalCode, address.Country), shipping));
        if (quote.SelectedShipping is null)
            return null;
        return Data.Order.Place(new OrderDraft(OrderNumbers.Next(at), buyer.UserId, buyer.Email, buyer.Name, paymentMethod, quote.Currency,
            quote.Subtotal, quote.Discount, quote.Tax, quote.Shipping ?? 0, quote.Total, quote.PricesIncludeTax, null,
            quote.SelectedShipping.Code, quote.SelectedShipping.Name, address, address, null, null, null,
            lines.Select((l, i) => new OrderLineDraft(l.Variant.VariantId, l.Variant.ProductId, l.Variant.SellerId, l.Variant.CategoryId, l.Variant.ProductTitle,
                l.Variant.ProductSlug, l.Variant.VariantLabel, l.Variant.Sku, l.Variant.ImageUrl, l.Variant.Price, l.Quantity, quote.Lines[i].Subtotal,
                quote.Lines[i].Discount, quote.Lines[i].TaxPercent, quote.Lines[i].Tax, quote.Lines[i].Total)).ToList()), at);
    }

    /// <summary>Open orders hold their stock, as checkout would have; an order the stock cannot cover is left out.</summary>
    private async Task<bool> HoldAsync(Order order)
    {
        try
        {
            await db.InTransactionAsync(() => inventory.ReserveAsync(order.Lines.Select(l => new StockLine(l.VariantId, l.Quantity)).ToList(), order.Number));
            return true;
        }
        catch (InsufficientStockException)
        {
            return false;
        }
    }

    /// <summary>One order in each status first, so every status has an example to open.</summary>
    private static readonly (TimeSpan Age, OrderStatus Status)[] Showcase =
    [
        (TimeSpan.FromHours(3), OrderStatus.PendingPayment), (TimeSpan.FromHours(6), OrderStatus.Paid), (TimeSpan.FromHours(20), OrderStatus.Processing),
        (TimeSpan.FromDays(2), OrderStatus.Shipped), (TimeSpan.FromDays(5), OrderStatus.ReturnRequested), (TimeSpan.FromDays(12), OrderStatus.Delivered),
        (TimeSpan.FromDays(30), OrderStatus.Cancelled), (TimeSpan.FromDays(45), OrderStatus.Returned), (TimeSpan.FromDays(70), OrderStatus.Refunded),
    ];

    /// <summary>
    /// When an order was placed (recent days busier, as in a shop that grows, and the last three with
    /// orders still open) and where it would be by now: most older ones delivered, a few cancelled or returned.
    /// </summary>
    private (TimeSpan Age, OrderStatus Status) Outcome(Random random)
    {
        var age = random.Next(100) < 8
            ? TimeSpan.FromHours(72 * random.NextDouble())
            : TimeSpan.FromDays(HistoryDays * (1 - Math.Sqrt(random.NextDouble())));
        var roll = random.Next(100);
        return (age, age.TotalDays switch
        {
            < 1 => roll switch { < 30 => OrderStatus.PendingPayment, < 60 => OrderStatus.Paid, _ => OrderStatus.Processing },
            < 3 => roll < 35 ? OrderStatus.Processing : OrderStatus.Shipped,
            < 6 => roll < 30 ? OrderStatus.Shipped : OrderStatus.Delivered,
            _ when roll < 8 => OrderStatus.Cancelled,
            _ when age < returns.Value.Window && roll < 30 => OrderStatus.ReturnRequested,
            _ when roll < 14 => OrderStatus.Returned,
            _ when roll < 19 => OrderStatus.Refunded,
            _ => OrderStatus.Delivered,
        });
    }

    /// <summary>Takes the order through each step to <paramref name="target"/>, every step dated between its placing and now.</summary>
    private void Live(Order order, OrderStatus target, TimeSpan age, Random random)
    {
        var placedAt = order.PlacedAt;
        DateTimeOffset At(double share) => placedAt + age * share;
        if (target == OrderStatus.PendingPayment)
            return;
        if (target == OrderStatus.Cancelled)
        {
            order.Cancel("Changed my mind.", order.CustomerId, At(0.02));
            return;
        }
        if (order.PaymentMethod != Data.Order.CashOnDelivery)
            order.MarkPaid(null, At(0.01));
        if (target == OrderStatus.Paid)
            return;
        foreach (var fulfillment in order.Fulfillments)
            order.Advance(fulfillment.Id, FulfillmentStatus.Processing, null, null, fulfillment.SellerId, At(0.1));
        if (target == OrderStatus.Processing)
            return;
        foreach (var fulfillment in order.Fulfillments)
            order.Advance(fulfillment.Id, FulfillmentStatus.Shipped, Carriers[random.Next(Carriers.Length)], $"TRK{random.NextInt64(1_000_000_000, 9_999_999_999)}",
                fulfillment.SellerId, At(0.25));
        if (target == OrderStatus.Shipped)
            return;
        foreach (var fulfillment in order.Fulfillments)
            order.Advance(fulfillment.Id, FulfillmentStatus.Delivered, null, null, fulfillment.SellerId, At(0.4));
        if (target == OrderStatus.Delivered)
            return;
        // Asked for within the return window, however long the shop makes it.
        var asked = At(0.4) + TimeSpan.FromTicks(Math.Min((age * 0.05).Ticks, returns.Value.Window.Ticks / 2));
        order.RequestReturn(ReturnReasons[random.Next(ReturnReasons.Length)], order.CustomerId, asked, returns.Value.Window);
        if (target == OrderStatus.ReturnRequested)
            return;
        order.AcceptReturn(null, At(0.5));
        if (target == OrderStatus.Refunded)
            order.MarkRefunded(null, money.Show, At(0.55));
    }
}

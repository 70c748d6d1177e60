using Shop.Web.Modules.Pricing.Contracts;
using Shop.Web.Modules.Pricing.Data;

namespace Shop.Web.Modules.Pricing.Quotes;

/// <summary>Everything a quote depends on besides the lines, loaded once.</summary>
public sealed record PricingRules(
    string Currency, bool PricesIncludeTax, IReadOnlyList<TaxRate> TaxRates, IReadOnlyList<ShippingMethod> ShippingMethods,
    Coupon? Coupon, int CouponUsesByBuyer, DateTimeOffset Now);

/// <summary>
/// Prices lines: coupon discount spread over the eligible lines, tax per line after discount,
/// shipping by destination and weight. Amounts are rounded to paise once, where they are computed.
/// </summary>
public static class QuoteCalculator
{
    public static Quote Calculate(PricingRequest request, PricingRules rules, Func<decimal, string> showMoney)
    {
        var subtotals = request.Lines.Select(l => l.UnitPrice * l.Quantity).ToList();
        var subtotal = subtotals.Sum();
        var (coupon, discounts) = ApplyCoupon(request, rules, subtotals, subtotal, showMoney);

        var state = request.Destination?.State;
        var lines = request.Lines.Select((line, i) =>
        {
            var percent = TaxRate.For(rules.TaxRates, line.CategoryPath, state)?.Percent ?? 0m;
            var taxable = subtotals[i] - discounts[i];
            var tax = Round(rules.PricesIncludeTax ? taxable * percent / (100m + percent) : taxable * percent / 100m);
            return new PricedLine(line.VariantId, subtotals[i], discounts[i], percent, tax, taxable + (rules.PricesIncludeTax ? 0 : tax));
        }).ToList();
        var discount = discounts.Sum();
        var taxTotal = lines.Sum(l => l.Tax);

        var weight = request.Lines.Sum(l => (long)l.WeightGrams * l.Quantity);
        var options = ShippingOptions(rules.ShippingMethods, state, request.Destination?.PostalCode, weight, subtotal - discount);
        var selected = request.Destination is null || request.Lines.Count == 0 ? null
            : options.FirstOrDefault(o => o.Code == request.ShippingMethod) ?? options.FirstOrDefault();

        var total = subtotal - discount + (rules.PricesIncludeTax ? 0 : taxTotal) + (selected?.Cost ?? 0);
        return new Quote(rules.Currency, rules.PricesIncludeTax, lines, subtotal, discount, taxTotal, selected?.Cost, total, options, selected, coupon);
    }

    private static (CouponOutcome? Outcome, decimal[] Discounts) ApplyCoupon(
        PricingRequest request, PricingRules rules, IReadOnlyList<decimal> subtotals, decimal subtotal, Func<decimal, string> showMoney)
    {
        var discounts = new decimal[subtotals.Count];
        if (string.IsNullOrWhiteSpace(request.CouponCode))
            return (null, discounts);
        var code = Coupon.Normalise(request.CouponCode);
        if (rules.Coupon is not { } coupon)
            return (new CouponOutcome(code, false, $"There is no coupon {code}.", 0), discounts);

        var eligible = Enumerable.Range(0, subtotals.Count).Where(i => coupon.Scope switch
        {
            CouponScope.Category => request.Lines[i].CategoryPath.Contains(coupon.ScopeId!.Value),
            CouponScope.Seller => request.Lines[i].SellerId == coupon.ScopeId,
            CouponScope.Product => request.Lines[i].ProductId == coupon.ScopeId,
            _ => true,
        }).ToList();
        var eligibleSubtotal = eligible.Sum(i => subtotals[i]);
        var reason = coupon.Unusable(rules.Now)
            ?? (coupon.PerCustomerLimit is { } perCustomer && rules.CouponUsesByBuyer >= perCustomer ? string.Format(CouponReasons.UsedByYou, coupon.Code) : null)
            ?? (eligible.Count == 0 ? string.Format(CouponReasons.OtherItems, coupon.Code) : null)
            ?? (coupon.MinimumOrder is { } minimum && subtotal < minimum ? string.Format(CouponReasons.AddMore, coupon.Code, showMoney(minimum - subtotal)) : null);
        if (reason is not null)
            return (new CouponOutcome(coupon.Code, false, reason, 0), discounts);

        // Spread the discount over the eligible lines by value; the largest line takes the rounding remainder.
        var discount = coupon.DiscountOn(eligibleSubtotal);
        foreach (var i in eligible)
            discounts[i] = eligibleSubtotal == 0 ? 0 : Round(discount * subtotals[i] / eligibleSubtotal);
        var largest = eligible.OrderByDescending(i => subtotals[i]).First();
        discounts[largest] += discount - discounts.Sum();
        return (new CouponOutcome(coupon.Code, true, null, discount), discounts);
    }

    private static decimal Round(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    /// <summary>The active methods in their order, each with what it costs to the destination.</summary>
    public static IReadOnlyList<ShippingOption> ShippingOptions(IEnumerable<ShippingMethod> methods, string? state, string? postalCode, long weightGrams, decimal orderValue) =>
        methods.Where(m => m.IsActive).OrderBy(m => m.SortOrder).ThenBy(m => m.Name)
            .Select(m => new ShippingOption(m.Code, m.Name, m.DeliveryEstimate, m.CostTo(state, postalCode, weightGrams, orderValue), m.FreeOver))
            .ToList();
}

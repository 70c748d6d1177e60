using Shop.Web.Modules.Pricing.Contracts;
using Shop.Web.Modules.Pricing.Data;
using Shop.Web.Modules.Pricing.Quotes;

namespace Shop.Tests.Pricing;

public sealed class QuoteCalculatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);
    private static readonly Guid Clothing = Guid.NewGuid(), Kurtas = Guid.NewGuid(), Electronics = Guid.NewGuid();
    private static readonly Guid SellerA = Guid.NewGuid(), SellerB = Guid.NewGuid();

    private static PricingLine Line(decimal price, int quantity, Guid category, Guid? seller = null, int grams = 500, Guid? parent = null) =>
        new(Guid.NewGuid(), Guid.NewGuid(), seller ?? SellerA, parent is null ? [category] : [parent.Value, category], price, quantity, grams);

    private static PricingRules Rules(bool includeTax = true, Coupon? coupon = null, int uses = 0, params ShippingMethod[] methods) =>
        new("INR", includeTax, [new TaxRate("GST 18%", 18m, null, null), new TaxRate("GST 5%", 5m, Clothing, null), new TaxRate("GST 12%", 12m, Kurtas, "Kerala")],
            methods, coupon, uses, Now);

    private static Coupon CouponOf(CouponKind kind, decimal amount, CouponScope scope = CouponScope.Cart, Guid? scopeId = null, decimal? minimum = null,
        DateTimeOffset? ends = null, int? perCustomer = null) =>
        Coupon.Create(new CouponTerms("SAVE", "Test", kind, amount, scope, scopeId, minimum, null, ends, null, perCustomer, true), Now.AddDays(-1));

    private static Quote Quote(PricingRules rules, string? coupon = null, Destination? destination = null, string? method = null, params PricingLine[] lines) =>
        QuoteCalculator.Calculate(new PricingRequest(lines, coupon, new Buyer(null, null), destination, method), rules, amount => $"₹{amount:0.00}");

    [Fact]
    public void Tax_included_in_prices_is_the_tax_part_of_each_line_at_its_most_specific_rate()
    {
        var quote = Quote(Rules(), lines: [Line(1050m, 1, Clothing), Line(1180m, 1, Electronics), Line(1120m, 1, Kurtas, parent: Clothing)]);

        Assert.Equal([5m, 18m, 5m], quote.Lines.Select(l => l.TaxPercent));
        Assert.Equal([50m, 180m, 53.33m], quote.Lines.Select(l => l.Tax));
        Assert.Equal(3350m, quote.Total);

        var inKerala = Quote(Rules(), destination: new("Kerala", "682001", "IN"), lines: [Line(1120m, 1, Kurtas, parent: Clothing)]);
        Assert.Equal(12m, inKerala.Lines[0].TaxPercent);
        Assert.Equal(120m, inKerala.Tax);
    }

    [Fact]
    public void Tax_on_top_of_prices_is_added_to_the_total()
    {
        var quote = Quote(Rules(includeTax: false), lines: [Line(1000m, 2, Electronics)]);

        Assert.Equal(360m, quote.Tax);
        Assert.Equal(2360m, quote.Total);
    }

    [Fact]
    public void A_category_coupon_discounts_only_that_category_spread_over_its_lines_by_value()
    {
        var coupon = CouponOf(CouponKind.Percentage, 10m, CouponScope.Category, Clothing);
        var quote = Quote(Rules(coupon: coupon), "save", lines: [Line(1000m, 1, Kurtas, parent: Clothing), Line(333.33m, 1, Clothing), Line(5000m, 1, Electronics)]);

        Assert.True(quote.Coupon!.Applied);
        Assert.Equal(133.33m, quote.Discount);
        Assert.Equal([100m, 33.33m, 0m], quote.Lines.Select(l => l.Discount));
        Assert.Equal(6333.33m - 133.33m, quote.Total);
        Assert.Equal(Math.Round(900m * 5 / 105, 2), quote.Lines[0].Tax);
    }

    [Fact]
    public void A_fixed_coupon_never_discounts_more_than_the_eligible_items_cost()
    {
        var coupon = CouponOf(CouponKind.Fixed, 500m, CouponScope.Seller, SellerB);
        var quote = Quote(Rules(coupon: coupon), "SAVE", lines: [Line(300m, 1, Electronics, SellerB), Line(2000m, 1, Electronics, SellerA)]);

        Assert.Equal(300m, quote.Discount);
        Assert.Equal(2000m, quote.Total);
    }

    [Fact]
    public void A_coupon_that_does_not_apply_says_why()
    {
        string? Reason(Coupon coupon, int uses = 0, params PricingLine[] lines) => Quote(Rules(coupon: coupon, uses: uses), "SAVE", lines: lines).Coupon!.Reason;

        Assert.Equal("Add ₹200.00 more to use the coupon SAVE.", Reason(CouponOf(CouponKind.Fixed, 100m, minimum: 1000m), 0, Line(800m, 1, Electronics)));
        Assert.Equal("The coupon SAVE expired on 20 Nov 2026.", Reason(CouponOf(CouponKind.Fixed, 100m, ends: Now.AddDays(-1)), 0, Line(800m, 1, Electronics)));
        Assert.Equal("The coupon SAVE applies to other items than those in your cart.",
            Reason(CouponOf(CouponKind.Percentage, 10m, CouponScope.Category, Clothing), 0, Line(800m, 1, Electronics)));
        Assert.Equal("You have already used the coupon SAVE.", Reason(CouponOf(CouponKind.Fixed, 100m, perCustomer: 1), 1, Line(800m, 1, Electronics)));
        Assert.Equal("There is no coupon NOPE.", Quote(Rules(), "nope", lines: [Line(800m, 1, Electronics)]).Coupon!.Reason);
    }

    [Fact]
    public void Shipping_is_priced_by_region_and_weight_and_free_above_the_threshold()
    {
        var standard = new ShippingMethod("standard", "Standard") { BaseRate = 49m, PerKgRate = 20m, FreeOver = 2000m, SortOrder = 1 };
        var express = new ShippingMethod("express", "Express") { BaseRate = 149m, PerKgRate = 40m, SortOrder = 2 };
        express.Rates.Add(new ShippingRate("Kerala", null, 99m, 30m));
        express.Rates.Add(new ShippingRate(null, "682", 59m, 10m));
        var rules = Rules(methods: [standard, express]);

        var noAddress = Quote(rules, lines: [Line(500m, 3, Electronics, grams: 400)]);
        Assert.Null(noAddress.Shipping);

        var mumbai = Quote(rules, destination: new("Maharashtra", "400001", "IN"), method: "express", lines: [Line(500m, 3, Electronics, grams: 400)]);
        Assert.Equal(149m + 2 * 40m, mumbai.Shipping);
        Assert.Equal(1500m + 229m, mumbai.Total);

        Assert.Equal(99m + 2 * 30m, Quote(rules, destination: new("Kerala", "695001", "IN"), method: "express", lines: [Line(500m, 3, Electronics, grams: 400)]).Shipping);
        Assert.Equal(59m + 2 * 10m, Quote(rules, destination: new("Kerala", "682 001", "IN"), method: "express", lines: [Line(500m, 3, Electronics, grams: 400)]).Shipping);
        Assert.Equal(49m + 2 * 20m, Quote(rules, destination: new("Kerala", "682001", "IN"), lines: [Line(500m, 3, Electronics, grams: 400)]).Shipping);
        Assert.Equal(0m, Quote(rules, destination: new("Kerala", "682001", "IN"), method: "standard", lines: [Line(1000m, 2, Electronics)]).Shipping);
    }
}

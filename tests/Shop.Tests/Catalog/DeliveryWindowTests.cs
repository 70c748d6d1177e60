using Shop.Web.Modules.Catalog.ProductPage;

namespace Shop.Tests.Catalog;

public sealed class DeliveryWindowTests
{
    private static readonly DateOnly Friday = new(2026, 12, 4);

    [Fact]
    public void Business_days_are_counted_from_the_next_one_skipping_weekends()
    {
        Assert.Equal((new DateOnly(2026, 12, 9), new DateOnly(2026, 12, 14)), DeliveryWindow.From("3–6 business days", Friday));
        Assert.Equal((new DateOnly(2026, 12, 7), new DateOnly(2026, 12, 8)), DeliveryWindow.From("1-2 Business Days", Friday));
        Assert.Equal((new DateOnly(2026, 12, 8), new DateOnly(2026, 12, 8)), DeliveryWindow.From("Within 2 business days", Friday));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Next week")]
    [InlineData("6–3 business days")]
    public void An_estimate_that_names_no_business_days_gives_no_dates(string? estimate) =>
        Assert.Null(DeliveryWindow.From(estimate, Friday));
}

using Shop.Web.Modules.Analytics.Contracts;
using Shop.Web.Modules.Analytics.Reports;

namespace Shop.Tests.Analytics;

/// <summary>Which rows a period's product sales are read from: whole months, days added, days taken away.</summary>
public sealed class MonthlyReadPlanTests
{
    private static readonly DateOnly Today = new(2026, 12, 5);

    private static DayRange Days(string from, string to) => new(DateOnly.Parse(from), DateOnly.Parse(to));

    [Fact]
    public void The_last_30_days_are_two_months_less_the_days_before_and_tomorrow()
    {
        var plan = MonthlyReadPlan.For(Days("2026-11-06", "2026-12-05"), Today);
        Assert.Equal((DateOnly.Parse("2026-11-01"), DateOnly.Parse("2027-01-01")), (plan.MonthsFrom, plan.MonthsTo));
        Assert.Empty(plan.Added);
        Assert.Equal([Days("2026-11-01", "2026-11-05"), Days("2026-12-06", "2026-12-06")], plan.Taken);
    }

    [Fact]
    public void Twelve_months_are_thirteen_months_less_five_days()
    {
        var plan = MonthlyReadPlan.For(Days("2025-12-06", "2026-12-05"), Today);
        Assert.Equal((DateOnly.Parse("2025-12-01"), DateOnly.Parse("2027-01-01")), (plan.MonthsFrom, plan.MonthsTo));
        Assert.Empty(plan.Added);
        Assert.Equal([Days("2025-12-01", "2025-12-05"), Days("2026-12-06", "2026-12-06")], plan.Taken);
    }

    [Fact]
    public void Few_days_inside_a_month_are_read_as_days()
    {
        var plan = MonthlyReadPlan.For(Days("2026-03-28", "2026-04-02"), Today);
        Assert.Equal(plan.MonthsFrom, plan.MonthsTo);
        Assert.Equal([Days("2026-03-28", "2026-03-31"), Days("2026-04-01", "2026-04-02")], plan.Added);
        Assert.Empty(plan.Taken);
    }

    [Fact]
    public void Whole_months_in_the_middle_and_the_cheaper_way_at_each_end()
    {
        var plan = MonthlyReadPlan.For(Days("2026-01-20", "2026-04-03"), Today);
        Assert.Equal((DateOnly.Parse("2026-02-01"), DateOnly.Parse("2026-04-01")), (plan.MonthsFrom, plan.MonthsTo));
        Assert.Equal([Days("2026-01-20", "2026-01-31"), Days("2026-04-01", "2026-04-03")], plan.Added);
        Assert.Empty(plan.Taken);
    }

    [Fact]
    public void A_period_in_the_future_reads_its_months_with_nothing_to_take()
    {
        var plan = MonthlyReadPlan.For(Days("2027-02-01", "2027-02-28"), Today);
        Assert.Equal((DateOnly.Parse("2027-02-01"), DateOnly.Parse("2027-03-01")), (plan.MonthsFrom, plan.MonthsTo));
        Assert.Empty(plan.Added);
        Assert.Empty(plan.Taken);
    }
}

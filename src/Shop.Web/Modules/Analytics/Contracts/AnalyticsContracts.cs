namespace Shop.Web.Modules.Analytics.Contracts;

public enum Bucket { Day, Week, Month }

/// <summary>A period as asked for in a query string; <see cref="IAnalytics.Parse"/> checks it.</summary>
public sealed record PeriodRequest
{
    /// <summary>today, 7d, 30d (the default), 90d, 12m or custom (with from and to).</summary>
    public string? Period { get; init; }

    /// <summary>First day of a custom period, yyyy-MM-dd.</summary>
    public string? From { get; init; }

    /// <summary>Last day of a custom period, yyyy-MM-dd.</summary>
    public string? To { get; init; }

    /// <summary>previous (the default: the same length just before), year (the same days a year earlier) or none.</summary>
    public string? Compare { get; init; }

    /// <summary>day, week or month; by default whatever suits the period's length.</summary>
    public string? Bucket { get; init; }
}

/// <summary>Days (in the shop's time zone), both ends included.</summary>
public sealed record DayRange(DateOnly From, DateOnly To)
{
    public int Days => To.DayNumber - From.DayNumber + 1;
}

public sealed record Period(DayRange Range, DayRange? Comparison, Bucket Bucket);

/// <param name="Change">Relative change against the comparison (0.25 is 25 % up); null without a comparison or when it was zero.</param>
public sealed record Figure(decimal Value, decimal? Previous, decimal? Change);

/// <summary>The headline figures. Money is in the shop's currency; gross is what orders were placed for, less cancellations.</summary>
/// <param name="NewCustomers">Null for a seller (customers are the shop's).</param>
/// <param name="ReturningCustomerRate">Share of orders placed by customers who had ordered before; null for a seller.</param>
/// <param name="ProductViews">The shop: visitors who viewed a product (each once a day, days added up). A seller: views of its product pages, every view counted.</param>
/// <param name="ConversionRate">The shop: visitors who ordered per visitor who viewed a product (both as in the funnel). A seller: orders per view of its product pages.</param>
public sealed record AnalyticsSummary(
    Period Period, string Currency, Figure GrossSales, Figure Refunds, Figure NetSales, Figure Orders, Figure AverageOrderValue, Figure Units,
    Figure ProductViews, Figure ConversionRate, Figure? NewCustomers, Figure? ReturningCustomerRate);

public sealed record SeriesPoint(DateOnly Start, decimal GrossSales, decimal NetSales, int Orders);

/// <param name="Comparison">The comparison period's buckets, in the same order; null without a comparison.</param>
public sealed record SalesSeries(Period Period, IReadOnlyList<SeriesPoint> Points, IReadOnlyList<SeriesPoint>? Comparison);

public sealed record ProductFigure(Guid ProductId, string Title, decimal GrossSales, decimal Refunds, decimal NetSales, int Units, int Orders);

public sealed record SellerFigure(Guid SellerId, string Name, decimal GrossSales, decimal Refunds, decimal NetSales, int Units, int Orders);

/// <param name="CategoryId">Null for sales of lines that do not name their category.</param>
public sealed record CategoryFigure(Guid? CategoryId, string Name, bool HasChildren, decimal GrossSales, decimal Refunds, decimal NetSales, int Units);

public sealed record PaymentMethodFigure(string Method, int Orders, decimal GrossSales);

/// <summary>Orders placed in the period by the status they are in now.</summary>
public sealed record StatusFigure(string Status, int Orders);

/// <summary>
/// Visitors who took each step: viewed a product, added to a cart, opened checkout, placed an order.
/// A visitor counts once a day per step; a period adds its days up, so a visitor of two days counts twice.
/// </summary>
public sealed record FunnelFigures(long ProductViews, long CartAdds, long CheckoutsStarted, long Ordered);

/// <param name="LastResults">How many products the query found when last searched in the period.</param>
public sealed record SearchFigure(string Query, int Searches, int ZeroResultSearches, int LastResults);

public sealed record SearchInsight(IReadOnlyList<SearchFigure> Top, IReadOnlyList<SearchFigure> ZeroResults);

/// <summary>
/// The shop's figures from its rollups (never from the order tables), for the dashboards' pages and
/// the analytics API. A seller id limits every figure to that seller's own sales.
/// </summary>
public interface IAnalytics
{
    /// <summary>The period asked for; an unknown or malformed one is refused with the reason per field (400).</summary>
    Period Parse(PeriodRequest request);

    Task<AnalyticsSummary> SummaryAsync(Period period, Guid? sellerId, CancellationToken cancellationToken = default);

    Task<SalesSeries> SeriesAsync(Period period, Guid? sellerId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ProductFigure>> TopProductsAsync(Period period, Guid? sellerId, int limit, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<SellerFigure>> SellersAsync(Period period, int limit, CancellationToken cancellationToken = default);

    /// <summary>Sales by top-level category, or by the children of <paramref name="parentId"/> (each with its subcategories' sales).</summary>
    Task<IReadOnlyList<CategoryFigure>> CategoriesAsync(Period period, Guid? parentId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<PaymentMethodFigure>> PaymentMethodsAsync(Period period, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<StatusFigure>> StatusesAsync(Period period, CancellationToken cancellationToken = default);

    Task<FunnelFigures> FunnelAsync(Period period, CancellationToken cancellationToken = default);

    Task<SearchInsight> SearchesAsync(Period period, int limit, CancellationToken cancellationToken = default);
}

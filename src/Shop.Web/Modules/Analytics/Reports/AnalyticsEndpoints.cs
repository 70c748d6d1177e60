using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Shop.Web.Modules.Analytics.Contracts;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Platform.Errors;
using Shop.Web.Platform.Security;

namespace Shop.Web.Modules.Analytics.Reports;

public static class AnalyticsEndpoints
{
    private const int DefaultLimit = 10;
    private const int MaxLimit = 100;

    public static void MapAnalyticsEndpoints(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("/admin/analytics").WithTags("Analytics").RequireAuthorization(Policies.Admin).Access(Callers.Admins);
        admin.MapGet("/summary", async Task<Ok<AnalyticsSummary>> ([AsParameters] PeriodRequest period, IAnalytics analytics, CancellationToken ct) =>
            TypedResults.Ok(await analytics.SummaryAsync(analytics.Parse(period), null, ct)))
            .WithName("AdminAnalyticsSummary").WithSummary("Gross, refunds, net, orders, average order value, units, new and returning customers, visitors who viewed a product, conversion (visitors who ordered per visitor who viewed a product); each with its change against the comparison.");
        admin.MapGet("/series", async Task<Ok<SalesSeries>> ([AsParameters] PeriodRequest period, IAnalytics analytics, CancellationToken ct) =>
            TypedResults.Ok(await analytics.SeriesAsync(analytics.Parse(period), null, ct)))
            .WithName("AdminAnalyticsSeries").WithSummary("Sales and orders per day, week or month, and the comparison period's.");
        admin.MapGet("/top-products", async Task<Ok<IReadOnlyList<ProductFigure>>> ([AsParameters] PeriodRequest period, int? limit, IAnalytics analytics, CancellationToken ct) =>
            TypedResults.Ok(await analytics.TopProductsAsync(analytics.Parse(period), null, Limit(limit), ct)))
            .WithName("AdminAnalyticsTopProducts").WithSummary("Best-selling products by gross sales.");
        admin.MapGet("/sellers", async Task<Ok<IReadOnlyList<SellerFigure>>> ([AsParameters] PeriodRequest period, int? limit, IAnalytics analytics, CancellationToken ct) =>
            TypedResults.Ok(await analytics.SellersAsync(analytics.Parse(period), Limit(limit), ct)))
            .WithName("AdminAnalyticsSellers").WithSummary("Revenue by seller.");
        admin.MapGet("/categories", async Task<Ok<IReadOnlyList<CategoryFigure>>> ([AsParameters] PeriodRequest period, Guid? parent, IAnalytics analytics, CancellationToken ct) =>
            TypedResults.Ok(await analytics.CategoriesAsync(analytics.Parse(period), parent, ct)))
            .WithName("AdminAnalyticsCategories").WithSummary("Revenue by top-level category, or by the children of ?parent=.");
        admin.MapGet("/payment-methods", async Task<Ok<IReadOnlyList<PaymentMethodFigure>>> ([AsParameters] PeriodRequest period, IAnalytics analytics, CancellationToken ct) =>
            TypedResults.Ok(await analytics.PaymentMethodsAsync(analytics.Parse(period), ct)))
            .WithName("AdminAnalyticsPaymentMethods").WithSummary("Orders and gross sales by payment method.");
        admin.MapGet("/statuses", async Task<Ok<IReadOnlyList<StatusFigure>>> ([AsParameters] PeriodRequest period, IAnalytics analytics, CancellationToken ct) =>
            TypedResults.Ok(await analytics.StatusesAsync(analytics.Parse(period), ct)))
            .WithName("AdminAnalyticsStatuses").WithSummary("Orders placed in the period by the status they are in now.");
        admin.MapGet("/funnel", async Task<Ok<FunnelFigures>> ([AsParameters] PeriodRequest period, IAnalytics analytics, CancellationToken ct) =>
            TypedResults.Ok(await analytics.FunnelAsync(analytics.Parse(period), ct)))
            .WithName("AdminAnalyticsFunnel").WithSummary("Visitors who viewed a product, added to a cart, started checkout and placed an order; each counted once a day, days added up.");
        admin.MapGet("/searches", async Task<Ok<SearchInsight>> ([AsParameters] PeriodRequest period, int? limit, IAnalytics analytics, CancellationToken ct) =>
            TypedResults.Ok(await analytics.SearchesAsync(analytics.Parse(period), Limit(limit), ct)))
            .WithName("AdminAnalyticsSearches").WithSummary("The most frequent searches, and the searches that found nothing.");

        var seller = api.MapGroup("/seller/analytics").WithTags("Analytics").RequireAuthorization(Policies.Seller).Access(Callers.Sellers, Objects.Own);
        seller.MapGet("/summary", async Task<Ok<AnalyticsSummary>> ([AsParameters] PeriodRequest period, ClaimsPrincipal user, IAnalytics analytics, CancellationToken ct) =>
            TypedResults.Ok(await analytics.SummaryAsync(analytics.Parse(period), user.UserId(), ct)))
            .WithName("SellerAnalyticsSummary").WithSummary("The seller's own gross and net sales, orders, units, average order value, views of its product pages (every view) and conversion (orders per product page view).");
        seller.MapGet("/series", async Task<Ok<SalesSeries>> ([AsParameters] PeriodRequest period, ClaimsPrincipal user, IAnalytics analytics, CancellationToken ct) =>
            TypedResults.Ok(await analytics.SeriesAsync(analytics.Parse(period), user.UserId(), ct)))
            .WithName("SellerAnalyticsSeries").WithSummary("The seller's own sales and orders over time.");
        seller.MapGet("/top-products", async Task<Ok<IReadOnlyList<ProductFigure>>> ([AsParameters] PeriodRequest period, int? limit, ClaimsPrincipal user, IAnalytics analytics, CancellationToken ct) =>
            TypedResults.Ok(await analytics.TopProductsAsync(analytics.Parse(period), user.UserId(), Limit(limit), ct)))
            .WithName("SellerAnalyticsTopProducts").WithSummary("The seller's own best-selling products.");
    }

    private static int Limit(int? limit) => limit switch
    {
        null => DefaultLimit,
        >= 1 and <= MaxLimit => limit.Value,
        _ => throw new InputValidationException("limit", $"Ask for 1 to {MaxLimit} rows."),
    };
}

using Shop.Web.Modules.Analytics.Contracts;
using Shop.Web.Platform.Errors;

namespace Shop.Web.Modules.Dashboards.Shared;

/// <summary>The period picker's choices as the page's query string carries them, and the period they mean.</summary>
public sealed record DashboardQuery(PeriodRequest Request, Period Period, InputValidationException? Refusal)
{
    /// <summary>The period asked for; when it is refused, the default one, with the refusal to show beside the picker.</summary>
    public static DashboardQuery Read(HttpContext context, IAnalytics analytics)
    {
        var query = context.Request.Query;
        static string? Value(Microsoft.Extensions.Primitives.StringValues values) => values.Count > 0 && !string.IsNullOrWhiteSpace(values[0]) ? values[0] : null;
        var request = new PeriodRequest { Period = Value(query["period"]), From = Value(query["from"]), To = Value(query["to"]), Compare = Value(query["compare"]) };
        try
        {
            return new DashboardQuery(request, analytics.Parse(request), null);
        }
        catch (InputValidationException refused)
        {
            return new DashboardQuery(request, analytics.Parse(new PeriodRequest()), refused);
        }
    }

    /// <summary>The days shown, as downloaded files name them: 2026-11-05_2026-12-04.</summary>
    public string Days => $"{Period.Range.From:yyyy-MM-dd}_{Period.Range.To:yyyy-MM-dd}";

    /// <summary>This period in a link's query string, with more values after it.</summary>
    public string Link(string path, params (string Name, string? Value)[] more)
    {
        var values = new (string Name, string? Value)[] { ("period", Request.Period), ("from", Request.From), ("to", Request.To), ("compare", Request.Compare) }
            .Concat(more).Where(v => !string.IsNullOrEmpty(v.Value)).Select(v => $"{v.Name}={Uri.EscapeDataString(v.Value!)}").ToList();
        return values.Count == 0 ? path : $"{path}?{string.Join('&', values)}";
    }
}

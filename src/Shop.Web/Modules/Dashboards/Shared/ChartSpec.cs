using System.Globalization;
using System.Text.Json;
using CsvHelper;
using System.Text.Json.Serialization;

namespace Shop.Web.Modules.Dashboards.Shared;

/// <summary>One line or set of bars; <paramref name="Money"/> values are formatted as the shop's currency.</summary>
/// <param name="SecondAxis">Drawn against a second scale on the right (orders beside sales).</param>
/// <param name="Comparison">The comparison period's values, drawn dashed and lighter.</param>
public sealed record ChartSeries(string Label, IReadOnlyList<decimal> Data, bool Money, bool SecondAxis = false, bool Comparison = false);

/// <summary>
/// What wwwroot/js/dashboard-charts.js draws with Chart.js, carried in the canvas's data-chart attribute
/// (the shop's pages allow no inline scripts).
/// </summary>
public sealed record ChartSpec(string Type, IReadOnlyList<string> Labels, IReadOnlyList<ChartSeries> Series, bool Horizontal = false)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The chart's figures as CSV: a row per label, a column per series (amounts with two decimals).</summary>
    public string ToCsv()
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(text, new CsvHelper.Configuration.CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\n" }))
        {
            csv.WriteField("label");
            foreach (var series in Series)
                csv.WriteField(series.Label);
            csv.NextRecord();
            for (var i = 0; i < Labels.Count; i++)
            {
                csv.WriteField(Labels[i]);
                foreach (var series in Series)
                    csv.WriteField(i < series.Data.Count ? series.Data[i].ToString(series.Money ? "0.00" : "0.##", CultureInfo.InvariantCulture) : "");
                csv.NextRecord();
            }
        }
        return text.ToString();
    }

    /// <summary>The CSV as a data: address, so the download needs neither a request nor a script.</summary>
    public string CsvDataUri() => "data:text/csv;charset=utf-8," + Uri.EscapeDataString(ToCsv());

    public static ChartSpec Bars(IReadOnlyList<string> labels, ChartSeries series) => new("bar", labels, [series], Horizontal: true);

    public static ChartSpec Doughnut(IReadOnlyList<string> labels, ChartSeries series) => new("doughnut", labels, [series]);
}

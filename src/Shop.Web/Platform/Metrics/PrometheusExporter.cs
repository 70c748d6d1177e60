using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Shop.Web.Platform.Metrics;

/// <summary>
/// Listens to the framework's meters (request rate, latency and status from ASP.NET Core hosting,
/// connections from Kestrel, pool use and commands from Npgsql, the runtime) and the shop's own, and
/// writes their current totals in the Prometheus text format. Only this host's meters are read:
/// several hosts in one process (tests) each see their own.
/// </summary>
public sealed partial class PrometheusExporter : IDisposable
{
    private static readonly HashSet<string> MeterNames =
        ["Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Npgsql", "System.Runtime", ShopMeter.Name];

    private static readonly double[] DefaultBuckets = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

    private readonly MeterListener listener = new();
    private readonly ConcurrentDictionary<Instrument, Series> series = new();
    private readonly Lock collecting = new();

    public PrometheusExporter(IMeterFactory meterFactory, IEnumerable<IMetricsSource> sources)
    {
        // Creating the sources creates their instruments, so they are published to the listener below.
        _ = sources.ToList();
        listener.InstrumentPublished = (instrument, publishedTo) =>
        {
            if (!MeterNames.Contains(instrument.Meter.Name) || instrument.Meter.Scope is { } scope && !ReferenceEquals(scope, meterFactory))
                return;
            var state = series.GetOrAdd(instrument, i => new Series(i));
            publishedTo.EnableMeasurementEvents(instrument, state);
        };
        listener.MeasurementsCompleted = (instrument, _) => series.TryRemove(instrument, out Series? _);
        listener.SetMeasurementEventCallback<double>((_, value, tags, state) => ((Series)state!).Record(value, tags));
        listener.SetMeasurementEventCallback<float>((_, value, tags, state) => ((Series)state!).Record(value, tags));
        listener.SetMeasurementEventCallback<long>((_, value, tags, state) => ((Series)state!).Record(value, tags));
        listener.SetMeasurementEventCallback<int>((_, value, tags, state) => ((Series)state!).Record(value, tags));
        listener.SetMeasurementEventCallback<short>((_, value, tags, state) => ((Series)state!).Record(value, tags));
        listener.SetMeasurementEventCallback<byte>((_, value, tags, state) => ((Series)state!).Record(value, tags));
        listener.SetMeasurementEventCallback<decimal>((_, value, tags, state) => ((Series)state!).Record((double)value, tags));
        listener.Start();
    }

    public string Scrape()
    {
        var text = new StringBuilder();
        lock (collecting)
        {
            foreach (var observed in series.Values.Where(s => s.Instrument.IsObservable))
                observed.Clear();
            listener.RecordObservableInstruments();
            foreach (var family in series.Values.GroupBy(s => s.MetricName).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var first = family.First();
                text.Append("# HELP ").Append(family.Key).Append(' ').Append(Escape(first.Instrument.Description ?? first.Instrument.Name, label: false)).Append('\n');
                text.Append("# TYPE ").Append(family.Key).Append(' ').Append(first.PrometheusType).Append('\n');
                foreach (var member in family)
                    member.WriteTo(text);
            }
        }
        return text.ToString();
    }

    public void Dispose() => listener.Dispose();

    private static string Format(double value) =>
        double.IsPositiveInfinity(value) ? "+Inf" : double.IsNegativeInfinity(value) ? "-Inf" : value.ToString("R", CultureInfo.InvariantCulture);

    private static string Escape(string value, bool label) =>
        label ? value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n") : value.Replace("\\", "\\\\").Replace("\n", "\\n");

    [GeneratedRegex("[^a-zA-Z0-9_:]")]
    private static partial Regex NotAllowedInNames();

    private enum Kind { Sum, LastValue, Histogram }

    /// <summary>One instrument's values, one point per distinct set of tags.</summary>
    private sealed class Series
    {
        private readonly Dictionary<string, Point> points = new(StringComparer.Ordinal);
        private readonly Kind kind;
        private readonly double[] buckets;

        public Series(Instrument instrument)
        {
            Instrument = instrument;
            var type = instrument.GetType().Name;
            kind = type.StartsWith("Histogram", StringComparison.Ordinal) ? Kind.Histogram
                : instrument.IsObservable || type.StartsWith("Gauge", StringComparison.Ordinal) ? Kind.LastValue
                : Kind.Sum;
            buckets = BucketsOf(instrument) ?? DefaultBuckets;
            var monotonic = type is "Counter`1" or "ObservableCounter`1";
            PrometheusType = kind == Kind.Histogram ? "histogram" : monotonic ? "counter" : "gauge";
            var name = NotAllowedInNames().Replace(instrument.Name, "_");
            var unit = UnitSuffix(instrument.Unit);
            if (unit is not null && !name.EndsWith("_" + unit, StringComparison.Ordinal))
                name += "_" + unit;
            MetricName = monotonic ? name + "_total" : name;
        }

        public Instrument Instrument { get; }
        public string MetricName { get; }
        public string PrometheusType { get; }

        public void Clear()
        {
            lock (points)
                points.Clear();
        }

        public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var labels = Labels(tags);
            lock (points)
            {
                if (!points.TryGetValue(labels, out var point))
                    points[labels] = point = new Point(kind == Kind.Histogram ? new long[buckets.Length + 1] : null);
                switch (kind)
                {
                    case Kind.Sum:
                        point.Value += value;
                        break;
                    case Kind.LastValue:
                        point.Value = value;
                        break;
                    default:
                        var index = Array.BinarySearch(buckets, value);
                        point.Buckets![index >= 0 ? index : ~index]++;
                        point.Value += value;
                        point.Count++;
                        break;
                }
            }
        }

        public void WriteTo(StringBuilder text)
        {
            lock (points)
            {
                foreach (var (labels, point) in points.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (kind != Kind.Histogram)
                    {
                        text.Append(MetricName).Append(Braced(labels)).Append(' ').Append(Format(point.Value)).Append('\n');
                        continue;
                    }
                    long cumulative = 0;
                    for (var i = 0; i <= buckets.Length; i++)
                    {
                        cumulative += point.Buckets![i];
                        var le = i < buckets.Length ? Format(buckets[i]) : "+Inf";
                        text.Append(MetricName).Append("_bucket").Append(Braced(labels, $"le=\"{le}\"")).Append(' ').Append(cumulative).Append('\n');
                    }
                    text.Append(MetricName).Append("_sum").Append(Braced(labels)).Append(' ').Append(Format(point.Value)).Append('\n');
                    text.Append(MetricName).Append("_count").Append(Braced(labels)).Append(' ').Append(point.Count).Append('\n');
                }
            }
        }

        private static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            if (tags.IsEmpty)
                return "";
            var pairs = new List<string>(tags.Length);
            foreach (var (key, value) in tags)
                pairs.Add($"{NotAllowedInNames().Replace(key, "_")}=\"{Escape(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "", label: true)}\"");
            pairs.Sort(StringComparer.Ordinal);
            return string.Join(',', pairs);
        }

        private static string Braced(string labels, string? extra = null)
        {
            var all = string.IsNullOrEmpty(labels) ? extra : extra is null ? labels : labels + "," + extra;
            return string.IsNullOrEmpty(all) ? "" : "{" + all + "}";
        }

        private static string? UnitSuffix(string? unit) => unit switch
        {
            null or "" or "1" => null,
            "s" => "seconds",
            "ms" => "milliseconds",
            "By" => "bytes",
            _ when unit.StartsWith('{') => null,
            _ => NotAllowedInNames().Replace(unit, "_"),
        };

        private static double[]? BucketsOf(Instrument instrument) => instrument switch
        {
            Histogram<double> h => h.Advice?.HistogramBucketBoundaries?.ToArray(),
            Histogram<long> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
            Histogram<int> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
            _ => null,
        };
    }

    private sealed class Point(long[]? buckets)
    {
        public double Value { get; set; }
        public long Count { get; set; }
        public long[]? Buckets { get; } = buckets;
    }
}

using System.Collections.Concurrent;
using System.Collections.ObjectModel;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry.Trace;
using Shop.Testing;

namespace Shop.Tests.Platform;

/// <summary>The shop with the spans its tracing exports kept in memory and its log lines kept as the console gets them.</summary>
public sealed class ObservedShop : ShopAppFactory
{
    public ObservedShop() => ConfigureTestServices = services =>
    {
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(Spans));
        services.AddSingleton<ILoggerProvider>(provider =>
            new JsonLineRecorder(provider.GetServices<ConsoleFormatter>().Single(f => f.Name == ConsoleFormatterNames.Json), LogLines));
    };

    public ExportedSpans Spans { get; } = new();

    public ConcurrentQueue<string> LogLines { get; } = new();
}

/// <summary>Exported spans, readable while other hosts in this process keep exporting theirs.</summary>
public sealed class ExportedSpans : Collection<Activity>
{
    private readonly Lock guard = new();

    public Activity[] Snapshot()
    {
        lock (guard)
            return [.. this];
    }

    protected override void InsertItem(int index, Activity item)
    {
        lock (guard)
            base.InsertItem(index, item);
    }
}

/// <summary>Writes every entry with the app's own JSON console formatter, scopes included, as the console would.</summary>
public sealed class JsonLineRecorder(ConsoleFormatter formatter, ConcurrentQueue<string> lines) : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider scopes = new LoggerExternalScopeProvider();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

    public void Dispose() { }

    private void Write<TState>(in LogEntry<TState> entry)
    {
        using var line = new StringWriter();
        formatter.Write(entry, scopes, line);
        lines.Enqueue(line.ToString());
    }

    private sealed class Logger(string category, JsonLineRecorder recorder) : ILogger
    {
        // The logger factory pushes scopes onto the shared provider itself.
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            recorder.Write(new LogEntry<TState>(logLevel, category, eventId, state, exception, formatter));
    }
}

/// <summary>A request's trace holds its SQL statements, and its log lines name the trace.</summary>
public sealed class TelemetryTests(ObservedShop app) : IClassFixture<ObservedShop>
{
    private static string Traceparent(ActivityTraceId traceId) => $"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01";

    [Fact]
    public async Task The_trace_of_a_checkout_holds_the_sql_statements_it_ran()
    {
        await app.EnsureShippingAsync();
        var catalog = await CatalogClient.CreateAsync(app);
        var category = await catalog.CategoryAsync("Traced");
        var product = await catalog.ProductAsync(CatalogClient.Unique("Copper Kettle"), category.GetProperty("id").GetString()!, [CatalogClient.Variant("TRC-" + Guid.NewGuid().ToString("N")[..8], 450m)]);
        var guest = await app.GuestWithCartAsync(product.GetProperty("variants")[0].GetProperty("id").GetGuid());
        var traceId = ActivityTraceId.CreateRandom();
        guest.DefaultRequestHeaders.Add("traceparent", Traceparent(traceId));

        Assert.Equal(HttpStatusCode.Created, (await guest.CheckoutAsync(idempotencyKey: Guid.NewGuid().ToString())).StatusCode);

        var checkout = await Eventually.GetAsync(
            () => Task.FromResult(app.Spans.Snapshot().FirstOrDefault(s => s.TraceId == traceId && s.Kind == ActivityKind.Server)),
            span => span is not null, "the checkout request's span");
        Assert.Equal("/api/v1/checkout", checkout!.GetTagItem("url.path"));
        var statements = app.Spans.Snapshot()
            .Where(s => s.TraceId == traceId && s.Source.Name == "Npgsql")
            .Select(s => (s.GetTagItem("db.query.text") ?? s.GetTagItem("db.statement")) as string)
            .ToList();
        Assert.Contains(statements, sql => sql is not null && sql.Contains("INSERT INTO ordering.orders", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_log_line_written_during_a_request_carries_the_request_trace_id()
    {
        var traceId = ActivityTraceId.CreateRandom();
        var path = $"/api/v1/traced-{Guid.NewGuid():N}";
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("traceparent", Traceparent(traceId));

        await app.CreateClient().SendAsync(request);

        var line = await Eventually.GetAsync(
            () => Task.FromResult(app.LogLines.FirstOrDefault(l => l.Contains(path, StringComparison.Ordinal))),
            l => l is not null, "a log line of the request");
        using var json = JsonDocument.Parse(line!);
        var activity = json.RootElement.GetProperty("Scopes").EnumerateArray().Single(scope => scope.TryGetProperty("TraceId", out _));
        Assert.Equal(traceId.ToHexString(), activity.GetProperty("TraceId").GetString());
        Assert.Matches("^[0-9a-f]{16}$", activity.GetProperty("SpanId").GetString());
    }
}

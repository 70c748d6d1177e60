// Live-chat load: many real WebSocket connections to /hubs/support through nginx, spread over the
// instances, and conversations whose messages are sent on one instance and received on another.
// Run by bench/chat.sh (./shop bench chat); see bench/README.md.
//
//   ChatLoad --site http://127.0.0.1:8130 --pids 123,456 --connections 5000 --active 400
//            --rates 500,1000,2000 --seconds 20 [--addresses 64]
//
// Guests start conversations over HTTP (as the launcher does) and get their signed access token. Each
// conversation has two connections of its guest (a phone and a laptop), one on each instance: the one
// sends, the other measures. Clients come from different loopback addresses (127.0.0.2, .3, ...), as
// real clients come from different addresses, since nginx keeps each address on one instance.
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

var options = Options.Parse(args);
var site = new Uri(options.Site);
Console.WriteLine($"chat load: {options.Connections} connections ({options.Connections / 2} conversations, {options.Active} sending), rates {string.Join(", ", options.Rates)}/s for {options.Seconds} s each, {options.Addresses} client addresses");

var sources = Enumerable.Range(2, options.Addresses).Select(i => IPAddress.Parse($"127.0.{i / 250}.{i % 250 + 1}")).ToArray();
var invokers = sources.Select(Net.Invoker).ToArray();

// 1. Conversations, as guests start them. Those of earlier runs (ids and signed tokens, kept in the
// state file) are used again: they are still valid in the same database.
var conversations = new Conversation[options.Connections / 2];
var kept = options.State is { } state && File.Exists(state)
    ? File.ReadLines(state).Select(line => line.Split(' ')).Where(f => f.Length == 2).Select(f => new Conversation(Guid.Parse(f[0]), f[1])).ToList()
    : [];
for (var i = 0; i < Math.Min(kept.Count, conversations.Length); i++)
    conversations[i] = kept[i];
var started = Stopwatch.StartNew();
using (var http = new HttpClient { BaseAddress = site, Timeout = TimeSpan.FromSeconds(60) })
{
    var next = Math.Min(kept.Count, conversations.Length) - 1;
    await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
    {
        int i;
        while ((i = Interlocked.Increment(ref next)) < conversations.Length)
        {
            var response = await http.PostAsJsonAsync("/api/v1/support/chats", new { name = $"Bench guest {i}", email = $"bench{i}@example.com", message = "Hello", page = "/" });
            var body = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"starting a chat: {(int)response.StatusCode} {body}");
            var json = JsonDocument.Parse(body).RootElement;
            conversations[i] = new Conversation(json.GetProperty("id").GetGuid(), json.GetProperty("accessToken").GetString()!);
            if (i % 500 == 499)
                Console.WriteLine($"  {i + 1} conversations started ({(i + 1) / started.Elapsed.TotalSeconds:0}/s)");
        }
    }));
}
Console.WriteLine($"{conversations.Length} conversations ready in {started.Elapsed.TotalSeconds:0.0} s ({Math.Min(kept.Count, conversations.Length)} from earlier runs)");
if (options.State is { } keep && kept.Count < conversations.Length)
    await File.WriteAllLinesAsync(keep, conversations.Select(c => $"{c.Id} {c.Access}"));

// 2. Connections, spread over the instances by their client address.
var rssBefore = Rss(options.Pids);
var clients = new ConcurrentBag<Client>();
var failedConnects = 0;
started.Restart();
{
    var next = -1;
    await Task.WhenAll(Enumerable.Range(0, 32).Select(async _ =>
    {
        int i;
        while ((i = Interlocked.Increment(ref next)) < options.Connections)
        {
            try
            {
                clients.Add(await Client.ConnectAsync(site, invokers[i % invokers.Length]));
            }
            catch (Exception exception) when (exception is HttpRequestException or WebSocketException or IOException or TimeoutException or InvalidOperationException)
            {
                if (Interlocked.Increment(ref failedConnects) <= 3)
                    Console.WriteLine($"  connect failed: {exception.GetBaseException().Message}");
            }
            if (i % 500 == 499)
                Console.WriteLine($"  {clients.Count} connected, {failedConnects} failed ({(i + 1) / started.Elapsed.TotalSeconds:0}/s)");
        }
    }));
}
var byInstance = clients.GroupBy(c => c.Instance).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.ToList());
Console.WriteLine($"{clients.Count} connected in {started.Elapsed.TotalSeconds:0.0} s ({failedConnects} failed): " + string.Join(", ", byInstance.Select(g => $"{g.Key} {g.Value.Count}")));
if (byInstance.Count < 2)
    throw new InvalidOperationException("every connection landed on one instance: nothing crosses instances");

// 3. Each conversation gets one connection on each of two instances (the first two); the rest of the
// connections join as extra listeners of conversations on their own instance, so every connection is in use.
var (first, second) = (byInstance.Values.First(), byInstance.Values.Skip(1).First());
var pairs = Math.Min(Math.Min(first.Count, second.Count), conversations.Length);
var joins = new List<(Client Client, Conversation Conversation)>();
for (var i = 0; i < pairs; i++)
{
    // Half the conversations send from the first instance, half from the second: traffic crosses both ways.
    var (sender, receiver) = i % 2 == 0 ? (first[i], second[i]) : (second[i], first[i]);
    conversations[i].Sender = sender;
    conversations[i].Receiver = receiver;
    joins.Add((sender, conversations[i]));
    joins.Add((receiver, conversations[i]));
}
var spare = first.Skip(pairs).Concat(second.Skip(pairs)).Concat(byInstance.Values.Skip(2).SelectMany(g => g)).ToList();
for (var i = 0; i < spare.Count; i++)
    joins.Add((spare[i], conversations[i % pairs]));
started.Restart();
{
    var next = -1;
    var failedJoins = 0;
    await Task.WhenAll(Enumerable.Range(0, 32).Select(async _ =>
    {
        int i;
        while ((i = Interlocked.Increment(ref next)) < joins.Count)
        {
            try
            {
                await joins[i].Client.JoinAsync(joins[i].Conversation);
            }
            catch (Exception exception) when (exception is HubException or InvalidOperationException or TimeoutException)
            {
                if (Interlocked.Increment(ref failedJoins) <= 3)
                    Console.WriteLine($"  join failed: {exception.Message}");
            }
        }
    }));
    Console.WriteLine($"{joins.Count - failedJoins} joined in {started.Elapsed.TotalSeconds:0.0} s ({failedJoins} failed)");
}
await Task.Delay(TimeSpan.FromSeconds(3));
GC.Collect();
var rssConnected = Rss(options.Pids);
var held = clients.Count(c => c.State == HubConnectionState.Connected);
Console.WriteLine($"held {held} connections; instance memory (RSS) {Show(rssBefore)} before, {Show(rssConnected)} with them");

// 4. Conversations at each rate: messages from one instance, received on the other.
var rows = new List<string>();
foreach (var rate in options.Rates)
{
    var active = conversations.Take(Math.Min(options.Active, pairs)).ToArray();
    foreach (var c in active)
        c.Receiver!.Reset();
    var cpuBefore = CpuMs(options.Pids);
    var run = await Run.MeasureAsync(active, rate, TimeSpan.FromSeconds(options.Seconds));
    // CPU the instances spent per message sent: unlike the rates, it does not depend on what else shares the cores.
    var cpuPerMessage = run.Sent == 0 ? double.NaN : (CpuMs(options.Pids) - cpuBefore) / run.Sent;
    var stillHeld = clients.Count(c => c.State == HubConnectionState.Connected);
    var row = $"| {rate} | {run.SentPerSecond:0} | {run.DeliveredPerSecond:0} | {run.P50:0.0} ms | {run.P99:0.0} ms | {run.Max:0} ms | {run.SendP99:0.0} ms | {run.Lost} | {run.Errors} | {stillHeld} | {cpuPerMessage:0.00} ms |";
    rows.Add(row);
    Console.WriteLine(row);
}
var rssAfter = Rss(options.Pids);

Console.WriteLine();
Console.WriteLine("| target msg/s | sent/s | delivered/s (other instance) | p50 | p99 | max | send ack p99 | lost | errors | connections held | instances' CPU per message |");
Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
rows.ForEach(Console.WriteLine);
Console.WriteLine();
var perInstance = byInstance.ToDictionary(g => g.Key, g => g.Value.Count);
Console.WriteLine($"Connections: {held} of {options.Connections} held ({string.Join(", ", perInstance.Select(p => $"{p.Key} {p.Value}"))}), {failedConnects} failed to connect.");
for (var i = 0; i < options.Pids.Length; i++)
{
    var instanceConnections = perInstance.Values.ElementAtOrDefault(i);
    var grown = rssConnected[i] - rssBefore[i];
    Console.WriteLine($"Instance pid {options.Pids[i]}: RSS {rssBefore[i] / 1024.0:0} MiB before, {rssConnected[i] / 1024.0:0} MiB connected ({(instanceConnections == 0 ? 0 : grown / (double)instanceConnections):0.0} KiB per connection over {instanceConnections}), {rssAfter[i] / 1024.0:0} MiB after the runs.");
}
foreach (var c in clients)
    await c.DisposeAsync();
return 0;

// utime + stime of the processes, in ms (fields 14 and 15 of /proc/<pid>/stat, after the command's closing parenthesis).
static double CpuMs(int[] pids) => pids.Sum(pid =>
{
    var fields = File.ReadAllText($"/proc/{pid}/stat").Split(')')[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
    return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) * 1000.0 / 100;
});

static long[] Rss(int[] pids) => pids.Select(pid =>
{
    var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
    return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}).ToArray();

static string Show(long[] kib) => string.Join(" + ", kib.Select(k => $"{k / 1024.0:0} MiB"));

sealed class Conversation(Guid id, string access)
{
    public Guid Id { get; } = id;
    public string Access { get; } = access;
    public Client? Sender { get; set; }
    public Client? Receiver { get; set; }
}

/// <summary>One guest connection. A receiver notes, for each bench message, how long it took from the send.</summary>
sealed class Client : IAsyncDisposable
{
    private static readonly double TicksPerMs = Stopwatch.Frequency / 1000.0;
    private readonly HubConnection connection;
    private ConcurrentQueue<double> latencies = new();

    private Client(HubConnection connection, string instance)
    {
        this.connection = connection;
        Instance = instance;
        connection.On<Pushed>("message", message =>
        {
            // "bench|<sender's Stopwatch timestamp>": the sender is in this process, so one clock.
            if (message.Body.StartsWith("bench|", StringComparison.Ordinal) && long.TryParse(message.Body.AsSpan(6), out var sentAt))
                latencies.Enqueue((Stopwatch.GetTimestamp() - sentAt) / TicksPerMs);
        });
    }

    public string Instance { get; }

    public HubConnectionState State => connection.State;

    public IReadOnlyCollection<double> Latencies => latencies;

    public void Reset() => latencies = new ConcurrentQueue<double>();

    public static async Task<Client> ConnectAsync(Uri site, HttpMessageInvoker invoker)
    {
        string? instance = null;
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(site, "/hubs/support"), HttpTransportType.WebSockets, options =>
            {
                // WebSockets straight away; the upgrade's answer names the instance.
                options.SkipNegotiation = true;
                options.WebSocketFactory = async (context, cancellationToken) =>
                {
                    var socket = new ClientWebSocket();
                    socket.Options.CollectHttpResponseDetails = true;
                    await socket.ConnectAsync(context.Uri, invoker, cancellationToken);
                    instance = socket.HttpResponseHeaders?.TryGetValue("X-Shop-Instance", out var names) == true ? names.First() : "?";
                    return socket;
                };
            })
            .Build();
        connection.ServerTimeout = TimeSpan.FromSeconds(60);
        connection.KeepAliveInterval = TimeSpan.FromSeconds(20);
        await connection.StartAsync();
        return new Client(connection, instance ?? "?");
    }

    public async Task JoinAsync(Conversation conversation) =>
        await connection.InvokeAsync<JsonElement>("Join", conversation.Id, conversation.Access, long.MaxValue - 1);

    public Task<JsonElement> SendAsync(Conversation conversation, string body) =>
        connection.InvokeAsync<JsonElement>("Send", conversation.Id, conversation.Access, body);

    public async ValueTask DisposeAsync() => await connection.DisposeAsync();
}

sealed record Pushed(Guid ConversationId, long Id, string Body);

sealed record Run(long Sent, double SentPerSecond, double DeliveredPerSecond, double P50, double P99, double Max, double SendP99, long Lost, long Errors)
{
    public static async Task<Run> MeasureAsync(Conversation[] active, int rate, TimeSpan duration)
    {
        var interval = TimeSpan.FromSeconds(active.Length / (double)rate);
        var sent = 0L;
        var errors = 0L;
        var sendTimes = new ConcurrentQueue<double>();
        using var stop = new CancellationTokenSource(duration);
        var clock = Stopwatch.StartNew();
        var progress = Task.Run(async () =>
        {
            var last = 0L;
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(1000);
                var delivered = active.Sum(c => (long)c.Receiver!.Latencies.Count);
                var now = Interlocked.Read(ref sent);
                Console.WriteLine($"  {clock.Elapsed.TotalSeconds,4:0}s  target {rate}/s  sent {now - last}/s  delivered {delivered} so far  errors {Interlocked.Read(ref errors)}");
                last = now;
            }
        });
        // Each active conversation sends at its share of the rate, evenly spread over the interval.
        await Task.WhenAll(active.Select(async (conversation, index) =>
        {
            var due = clock.Elapsed + interval * (index / (double)active.Length);
            while (!stop.IsCancellationRequested)
            {
                var wait = due - clock.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    try { await Task.Delay(wait, stop.Token); }
                    catch (OperationCanceledException) { break; }
                }
                var at = Stopwatch.GetTimestamp();
                try
                {
                    await conversation.Sender!.SendAsync(conversation, $"bench|{at}");
                    sendTimes.Enqueue(Stopwatch.GetElapsedTime(at).TotalMilliseconds);
                    Interlocked.Increment(ref sent);
                }
                catch (Exception exception) when (exception is HubException or InvalidOperationException or TimeoutException)
                {
                    Interlocked.Increment(ref errors);
                }
                due += interval;
            }
        }));
        var elapsed = clock.Elapsed.TotalSeconds;
        await progress;
        // Let what is in flight arrive before counting what was lost.
        var deadline = Stopwatch.StartNew();
        while (active.Sum(c => (long)c.Receiver!.Latencies.Count) < Interlocked.Read(ref sent) && deadline.Elapsed < TimeSpan.FromSeconds(10))
            await Task.Delay(100);
        var all = active.SelectMany(c => c.Receiver!.Latencies).Order().ToArray();
        var sends = sendTimes.Order().ToArray();
        return new Run(sent, sent / elapsed, all.Length / elapsed, Percentile(all, 0.50), Percentile(all, 0.99), all.LastOrDefault(), Percentile(sends, 0.99),
            Math.Max(0, sent - all.Length), errors);
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}

static class Net
{
    /// <summary>HTTP and WebSockets from one loopback source address.</summary>
    public static HttpMessageInvoker Invoker(IPAddress source) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(source, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    });
}

sealed record Options(string Site, int[] Pids, int Connections, int Active, int[] Rates, int Seconds, int Addresses, string? State)
{
    public static Options Parse(string[] args)
    {
        string Value(string name, string fallback)
        {
            var at = Array.IndexOf(args, name);
            return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
        }
        int[] Ints(string text) => text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(t => int.Parse(t, CultureInfo.InvariantCulture)).ToArray();
        return new Options(
            Value("--site", "http://127.0.0.1:8080"),
            Ints(Value("--pids", "")),
            int.Parse(Value("--connections", "5000"), CultureInfo.InvariantCulture),
            int.Parse(Value("--active", "400"), CultureInfo.InvariantCulture),
            Ints(Value("--rates", "500,1000,2000")),
            int.Parse(Value("--seconds", "20"), CultureInfo.InvariantCulture),
            int.Parse(Value("--addresses", "64"), CultureInfo.InvariantCulture),
            Value("--state", "") is { Length: > 0 } file ? file : null);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Shop.Testing;

namespace Shop.ClusterTests;

public sealed record ChatMessage(Guid ConversationId, long Id, string Author, string? AuthorName, string Body, DateTimeOffset CreatedAt);

public sealed record ChatTyping(Guid ConversationId, string Side);

public sealed record ChatRead(Guid ConversationId, string Side, long MessageId);

/// <summary>A signed-in person of the shop: the cookies a browser would hold, valid on every instance (keys are shared).</summary>
public sealed class ShopAccount
{
    private ShopAccount(CookieContainer cookies) => Cookies = cookies;

    public CookieContainer Cookies { get; }

    public static async Task<ShopAccount> SignInAsync(Uri site, string email, string password)
    {
        var cookies = new CookieContainer();
        using var client = Client(site, cookies);
        var page = await client.GetAsync("/account/sign-in");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var document = await new HtmlParser().ParseDocumentAsync(await page.Content.ReadAsStringAsync());
        var form = document.QuerySelectorAll("form").OfType<IHtmlFormElement>().Single(f => f.QuerySelector("input[type=password]") is not null);
        var fields = form.QuerySelectorAll("input").OfType<IHtmlInputElement>().Where(i => !string.IsNullOrEmpty(i.Name) && i.Type != "checkbox")
            .ToDictionary(i => i.Name!, i => i.Type switch { "email" => email, "password" => password, _ => i.Value });
        var signedIn = await client.PostAsync("/account/sign-in", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return new ShopAccount(cookies);
    }

    /// <summary>Starts a live chat as the shop's own page script would (same-origin), returning the conversation's id.</summary>
    public async Task<Guid> StartChatAsync(Uri site, string message)
    {
        using var client = Client(site, Cookies);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/support/chats")
        {
            Content = JsonContent.Create(new { message, page = "/" }),
            Headers = { { "Sec-Fetch-Site", "same-origin" } },
        };
        var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"starting a chat: {response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
    }

    private static HttpClient Client(Uri site, CookieContainer cookies) =>
        new(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = site, Timeout = TimeSpan.FromSeconds(30) };
}

/// <summary>
/// One side of a live chat over the real SignalR .NET client, keeping what it was shown the way the
/// chat panel does: messages by id (a push and a catch-up may both bring one), and re-joining with its
/// last-seen id whenever its connection comes back, on whichever instance that is.
/// </summary>
public sealed class ChatClient : IAsyncDisposable
{
    private readonly HubConnection connection;
    private readonly Lock gate = new();
    private readonly SortedDictionary<long, ChatMessage> shown = [];
    private readonly List<long> arrivals = [];
    private readonly List<ChatTyping> typing = [];
    private readonly List<ChatRead> reads = [];
    private readonly List<string> instances = [];
    private readonly HashSet<Guid> joined = [];
    private int rejoins;

    public ChatClient(Uri site, CookieContainer? cookies, TimeSpan? retryEvery = null)
    {
        var retry = retryEvery ?? TimeSpan.FromMilliseconds(500);
        connection = new HubConnectionBuilder()
            .WithUrl(new Uri(site, "/hubs/support"), options =>
            {
                options.Cookies = cookies ?? new CookieContainer();
                options.Transports = HttpTransportType.WebSockets;
                // The negotiate answer names the instance (X-Shop-Instance); through nginx, the WebSocket goes to the same one.
                options.HttpMessageHandlerFactory = inner => new InstanceRecorder(inner, name => { lock (gate) instances.Add(name); });
            })
            .WithAutomaticReconnect(new SteadyRetry(retry))
            .Build();
        connection.KeepAliveInterval = TimeSpan.FromSeconds(5);
        connection.On<ChatMessage>("message", message =>
        {
            lock (gate)
            {
                arrivals.Add(message.Id);
                shown.TryAdd(message.Id, message);
            }
        });
        connection.On<ChatTyping>("typing", signal => { lock (gate) typing.Add(signal); });
        connection.On<ChatRead>("read", signal => { lock (gate) reads.Add(signal); });
        connection.Reconnected += async _ =>
        {
            Guid[] conversations;
            lock (gate)
                conversations = [.. joined];
            foreach (var conversation in conversations)
                await JoinAsync(conversation);
            Interlocked.Increment(ref rejoins);
        };
    }

    public HubConnectionState State => connection.State;

    /// <summary>The instance that served each connection, in order (a reconnect adds one).</summary>
    public IReadOnlyList<string> Instances { get { lock (gate) return [.. instances]; } }

    public string? Instance { get { lock (gate) return instances.LastOrDefault(); } }

    public int Rejoins => Volatile.Read(ref rejoins);

    public long LastSeenId { get { lock (gate) return shown.Count == 0 ? 0 : shown.Keys.Max(); } }

    /// <summary>What the panel shows, oldest first.</summary>
    public IReadOnlyList<ChatMessage> Shown { get { lock (gate) return [.. shown.Values]; } }

    /// <summary>Every push of a message as it came (a catch-up is not a push).</summary>
    public IReadOnlyList<long> Arrivals { get { lock (gate) return [.. arrivals]; } }

    public IReadOnlyList<ChatTyping> TypingSignals { get { lock (gate) return [.. typing]; } }

    public IReadOnlyList<ChatRead> ReadSignals { get { lock (gate) return [.. reads]; } }

    public Task StartAsync() => connection.StartAsync();

    public async Task JoinAsync(Guid conversationId)
    {
        lock (gate)
            joined.Add(conversationId);
        var missed = await connection.InvokeAsync<List<ChatMessage>>("Join", conversationId, null, LastSeenId);
        lock (gate)
        {
            foreach (var message in missed)
                shown.TryAdd(message.Id, message);
        }
    }

    public Task<ChatMessage> SendAsync(Guid conversationId, string body) => connection.InvokeAsync<ChatMessage>("Send", conversationId, null, body);

    public Task TypingAsync(Guid conversationId) => connection.InvokeAsync("Typing", conversationId, null);

    public Task ReadAsync(Guid conversationId, long messageId) => connection.InvokeAsync("Read", conversationId, null, messageId);

    public Task WaitToSeeAsync(long messageId, string who) =>
        Eventually.TrueAsync(() => { lock (gate) return Task.FromResult(shown.ContainsKey(messageId)); }, $"{who} to see message {messageId}", TimeSpan.FromSeconds(30));

    public Task WaitForAsync(Func<ChatClient, bool> condition, string what) =>
        Eventually.TrueAsync(() => Task.FromResult(condition(this)), what, TimeSpan.FromSeconds(60));

    public async ValueTask DisposeAsync() => await connection.DisposeAsync();

    private sealed class SteadyRetry(TimeSpan every) : IRetryPolicy
    {
        public TimeSpan? NextRetryDelay(RetryContext retryContext) => retryContext.ElapsedTime < TimeSpan.FromMinutes(2) ? every : null;
    }

    private sealed class InstanceRecorder(HttpMessageHandler inner, Action<string> record) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (request.RequestUri?.AbsolutePath.EndsWith("/negotiate", StringComparison.Ordinal) == true
                && response.Headers.TryGetValues("X-Shop-Instance", out var names))
                record(names.First());
            return response;
        }
    }
}

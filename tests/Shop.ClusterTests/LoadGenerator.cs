using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shop.Testing;

namespace Shop.ClusterTests;

/// <summary>
/// Shoppers on parallel HttpClients, through nginx, until stopped: each round browses a listing and a
/// product page, then a guest adds one unit to a new cart and checks out (cash on delivery). A checkout
/// without an answer is sent again with the same Idempotency-Key until it gets one, as a careful client does.
/// </summary>
public sealed class LoadGenerator : IAsyncDisposable
{
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(250);
    private readonly ResponseRecorder recorder = new();
    private readonly HttpClient client;
    private readonly CancellationTokenSource stopping = new();
    private readonly ConcurrentDictionary<string, Guid> placed = new();
    private readonly ConcurrentBag<string> keys = [];
    private readonly IReadOnlyList<Guid> variants;
    private readonly IReadOnlyList<string> slugs;
    private readonly Task[] shoppers;

    public LoadGenerator(ShopCluster cluster, IReadOnlyList<Guid> variants, IReadOnlyList<string> slugs, int shoppers)
    {
        this.variants = variants;
        this.slugs = slugs;
        client = cluster.Client(recorder);
        this.shoppers = Enumerable.Range(0, shoppers).Select(i => Task.Run(() => ShopAsync(i))).ToArray();
    }

    public int Shoppers => shoppers.Length;

    public IReadOnlyList<Exchange> Exchanges => recorder.Exchanges;

    /// <summary>Orders the shoppers were told about, by Idempotency-Key.</summary>
    public IReadOnlyDictionary<string, Guid> Placed => placed;

    /// <summary>Every Idempotency-Key sent, answered or not.</summary>
    public IReadOnlyCollection<string> Keys => keys.ToList();

    public Task WaitForOrdersAsync(int count, string what) =>
        Eventually.TrueAsync(() => Task.FromResult(placed.Count >= count), what, TimeSpan.FromSeconds(120));

    /// <summary>Ends the rounds; checkouts under way still get their answer.</summary>
    public async Task StopAsync()
    {
        await stopping.CancelAsync();
        await Task.WhenAll(shoppers);
    }

    public async ValueTask DisposeAsync()
    {
        if (!stopping.IsCancellationRequested)
            await StopAsync();
        client.Dispose();
    }

    private async Task ShopAsync(int shopper)
    {
        var random = new Random(shopper);
        while (!stopping.IsCancellationRequested)
        {
            await SendAsync(() => client.GetAsync($"/api/v1/catalog/products?pageSize=12&page={random.Next(1, 3)}"));
            await SendAsync(() => client.GetAsync($"/p/{slugs[random.Next(slugs.Count)]}"));
            var added = await SendAsync(() => client.PostAsJsonAsync("/api/v1/cart/items", new { variantId = variants[random.Next(variants.Count)], quantity = 1 }));
            if (added is not { StatusCode: HttpStatusCode.OK })
            {
                await Task.Delay(RetryPause);
                continue;
            }
            await CheckOutAsync(added.Headers.GetValues("X-Cart-Token").Single(), $"load-{shopper}-{Guid.NewGuid():N}");
        }
    }

    private async Task CheckOutAsync(string cartToken, string key)
    {
        keys.Add(key);
        var giveUp = DateTime.UtcNow + GiveUpAfter;
        while (DateTime.UtcNow < giveUp)
        {
            var response = await SendAsync(() =>
            {
                var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/checkout")
                {
                    Content = JsonContent.Create(new { email = "load@example.in", shippingAddress = Shopper.Address, shippingMethod = "standard", paymentMethod = "cod" }),
                };
                request.Headers.Add("X-Cart-Token", cartToken);
                request.Headers.Add("Idempotency-Key", key);
                return client.SendAsync(request);
            });
            if (response is { StatusCode: HttpStatusCode.Created or HttpStatusCode.OK })
            {
                placed[key] = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
                return;
            }
            if (response is { StatusCode: not (HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout) })
                return;
            await Task.Delay(RetryPause);
        }
    }

    /// <summary>Sends one request; a failure to get any answer is recorded and comes back as null.</summary>
    private static async Task<HttpResponseMessage?> SendAsync(Func<Task<HttpResponseMessage>> send)
    {
        try
        {
            var response = await send();
            await response.Content.LoadIntoBufferAsync();
            return response;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }
}

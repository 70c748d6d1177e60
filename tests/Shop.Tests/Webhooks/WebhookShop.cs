using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shop.Testing;

namespace Shop.Tests.Webhooks;

/// <summary>The shop with a fast retry schedule and a receiver on loopback (private networks allowed, as in development).</summary>
public sealed class WebhookShop : ShopAppFactory
{
    public WebhookReceiver Receiver { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        Receiver = await WebhookReceiver.StartAsync();
        WithSettings(("Webhooks:DeliveryEnabled", "true"), ("Webhooks:AllowPrivateNetworks", "true"), ("Webhooks:PollInterval", "00:00:00.250"), ("Webhooks:RetryBaseDelay", "00:00:00.050"),
            ("Webhooks:MaxRetryDelay", "00:00:00.200"), ("Webhooks:MaxAttempts", "4"), ("Webhooks:Timeout", "00:00:01"), ("Webhooks:DisableAfterDeadLetters", "2"));
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}

/// <summary>What an integrator does through /api/v1/webhooks.</summary>
public static class WebhookApi
{
    public static async Task<(string Id, string Secret)> RegisterAsync(this HttpClient client, string url, params string[] events)
    {
        var created = await CatalogClient.Expect(await client.PostAsJsonAsync("/api/v1/webhooks", new { url, events }), HttpStatusCode.Created);
        return (created.GetProperty("id").GetString()!, created.GetProperty("secret").GetString()!);
    }

    public static async Task<JsonElement> DeliveriesAsync(this HttpClient client, string endpointId) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/webhooks/{endpointId}/deliveries?pageSize=100")).GetProperty("items");

    /// <summary>Waits until the endpoint's deliveries satisfy <paramref name="done"/>.</summary>
    public static Task<JsonElement> WaitForDeliveriesAsync(this HttpClient client, string endpointId, Func<JsonElement, bool> done, string what) =>
        Eventually.GetAsync(() => client.DeliveriesAsync(endpointId), done, what);

    public static bool All(this JsonElement items, string status) =>
        items.GetArrayLength() > 0 && items.EnumerateArray().All(d => d.GetProperty("status").GetString() == status);

    public static async Task<JsonElement> ProductForAsync(this CatalogClient catalog, HttpClient seller, string name, decimal price = 500m, int stock = 10)
    {
        var category = await catalog.CategoryAsync("Hooks");
        return await catalog.ProductAsync(CatalogClient.Unique(name), category.GetProperty("id").GetString()!,
            [CatalogClient.Variant("WH-" + Guid.NewGuid().ToString("N")[..8], price, stock)], client: seller);
    }
}

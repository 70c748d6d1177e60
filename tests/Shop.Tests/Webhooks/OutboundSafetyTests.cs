using System.Net;
using System.Net.Http.Json;
using Shop.Testing;

namespace Shop.Tests.Webhooks;

/// <summary>The shop as deployed: webhooks may only call addresses on the internet.</summary>
public sealed class PublicOnlyShop : ShopAppFactory
{
    public WebhookReceiver Receiver { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        Receiver = await WebhookReceiver.StartAsync();
        WithSettings(("Webhooks:DeliveryEnabled", "true"), ("Webhooks:AllowPrivateNetworks", "false"), ("Webhooks:PollInterval", "00:00:00.250"), ("Webhooks:MaxAttempts", "1"));
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}

public sealed class OutboundSafetyTests(PublicOnlyShop app) : IClassFixture<PublicOnlyShop>
{
    [Theory]
    [InlineData("http://127.0.0.1/hooks")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://10.1.2.3/")]
    [InlineData("http://[::1]/")]
    [InlineData("http://[::ffff:192.168.1.1]/")]
    [InlineData("ftp://example.com/hooks")]
    [InlineData("https://user:pass@example.com/hooks")]
    public async Task Urls_outside_the_public_internet_are_refused_with_a_field_error(string url)
    {
        var (admin, _) = await app.SignedInClientAsync("admin", "admin");

        var response = await admin.PostAsJsonAsync("/api/v1/webhooks", new { url, events = new[] { "order.placed" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty("Url", out _));
    }

    [Fact]
    public async Task A_host_name_that_resolves_to_loopback_is_refused_when_connecting()
    {
        var catalog = await CatalogClient.CreateAsync(app);
        var url = app.Receiver.Url.Replace("127.0.0.1", "localhost") + "/sneaky";
        var (endpointId, _) = await catalog.Seller.RegisterAsync(url, "product.updated");

        await catalog.ProductForAsync(catalog.Seller, "Sneaky Scarf");

        var log = await catalog.Seller.WaitForDeliveriesAsync(endpointId, d => d.All("deadLettered"), "the delivery refused");
        Assert.Contains("resolves only to loopback", log[0].GetProperty("attempts")[0].GetProperty("error").GetString());
        Assert.Empty(app.Receiver.Received);
    }
}

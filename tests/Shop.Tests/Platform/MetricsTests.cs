using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Mvc.Testing;
using Shop.Testing;

namespace Shop.Tests.Platform;

public sealed class MetricsShop : ShopAppFactory
{
    public const string Token = "metrics-scraper-token";

    public MetricsShop() => WithSettings(("Metrics:BearerToken", Token));
}

/// <summary>/metrics: Prometheus text for scrapers holding the token and for admins, nothing for anyone else.</summary>
public sealed class MetricsTests(MetricsShop app) : IClassFixture<MetricsShop>
{
    private HttpClient Scraper(string token)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [Fact]
    public async Task Metrics_are_refused_without_the_token_or_the_admin_role()
    {
        var anonymous = await app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetAsync("/metrics");
        var wrongToken = await Scraper("not-the-token").GetAsync("/metrics");
        var (customer, _) = await app.SignedInClientAsync("customer");
        var notAdmin = await customer.GetAsync("/metrics");

        Assert.NotEqual(HttpStatusCode.OK, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongToken.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, notAdmin.StatusCode);
    }

    [Fact]
    public async Task After_traffic_and_an_order_the_metrics_show_requests_latency_orders_outbox_lag_and_the_connection_pool()
    {
        await app.EnsureShippingAsync();
        var catalog = await CatalogClient.CreateAsync(app);
        var category = await catalog.CategoryAsync("Metered");
        var product = await catalog.ProductAsync(CatalogClient.Unique("Brass Lamp"), category.GetProperty("id").GetString()!, [CatalogClient.Variant("MET-" + Guid.NewGuid().ToString("N")[..8], 450m)]);
        var guest = await app.GuestWithCartAsync(product.GetProperty("variants")[0].GetProperty("id").GetGuid());
        Assert.Equal(HttpStatusCode.Created, (await guest.CheckoutAsync(idempotencyKey: Guid.NewGuid().ToString())).StatusCode);

        var scrape = await Scraper(MetricsShop.Token).GetAsync("/metrics");
        var text = await scrape.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        Assert.StartsWith("text/plain", scrape.Content.Headers.ContentType?.MediaType);
        Assert.Contains("# TYPE http_server_request_duration_seconds histogram", text);
        Assert.Matches("http_server_request_duration_seconds_count\\{[^}]*http_response_status_code=\"201\"[^}]*\\} [1-9]", text);
        Assert.Matches("shop_orders_placed_total\\{payment_method=\"cod\"\\} 1", text);
        // A series without labels may be written with empty braces; Prometheus reads both alike.
        Assert.Matches("shop_outbox_lag_seconds(\\{\\})? [0-9]", text);
        Assert.Matches("shop_outbox_pending(\\{\\})? [0-9]", text);
        Assert.Contains("db_client_connection", text);
        Assert.Contains("dotnet_process_cpu_count", text);

        var (admin, _) = await app.SignedInClientAsync("admin", "admin");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/metrics")).StatusCode);
    }
}

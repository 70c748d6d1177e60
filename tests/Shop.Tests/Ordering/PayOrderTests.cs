using System.Net;
using System.Net.Http.Json;
using Shop.Testing;

namespace Shop.Tests.Ordering;

/// <summary>Paying an unpaid order online (POST /api/v1/orders/{id}/payments): where the buyer is sent, and who may start it.</summary>
public sealed class PayOrderTests(ShopAppFactory app) : IClassFixture<ShopAppFactory>
{
    [Fact]
    public async Task A_guest_starts_paying_their_order_and_is_sent_to_the_providers_page()
    {
        await app.EnsureShippingAsync();
        var catalog = await CatalogClient.CreateAsync(app);
        var (guest, order) = await app.GuestOrderToPayOnlineAsync(await catalog.VariantAsync());
        var id = order.GetProperty("id").GetString();

        var response = await guest.PostAsJsonAsync($"/api/v1/orders/{id}/payments?access={order.Access()}", new { method = "sandbox" });
        var started = await CatalogClient.Expect(response, HttpStatusCode.Created);

        Assert.NotEqual(Guid.Empty, started.GetProperty("paymentId").GetGuid());
        Assert.Equal(started.GetProperty("redirectUrl").GetString(), response.Headers.Location?.OriginalString);
        var retried = await CatalogClient.Expect(await guest.PostAsJsonAsync($"/api/v1/orders/{id}/payments?access={order.Access()}", new { method = "sandbox" }), HttpStatusCode.Created);
        Assert.NotEqual(started.GetProperty("paymentId").GetGuid(), retried.GetProperty("paymentId").GetGuid());
    }

    [Fact]
    public async Task Paying_someone_elses_order_is_not_found_an_unknown_method_is_refused_and_a_cancelled_order_cannot_be_paid()
    {
        await app.EnsureShippingAsync();
        var catalog = await CatalogClient.CreateAsync(app);
        var (guest, order) = await app.GuestOrderToPayOnlineAsync(await catalog.VariantAsync());
        var id = order.GetProperty("id").GetString();
        var (stranger, _) = await app.SignedInClientAsync("stranger");

        var withoutLink = await stranger.PostAsJsonAsync($"/api/v1/orders/{id}/payments", new { method = "sandbox" });
        var unknownMethod = await guest.PostAsJsonAsync($"/api/v1/orders/{id}/payments?access={order.Access()}", new { method = "barter" });
        await CatalogClient.Expect(await guest.PostAsJsonAsync($"/api/v1/orders/{id}/cancel?access={order.Access()}", new { reason = "Ordered twice" }), HttpStatusCode.OK);
        var cancelled = await guest.PostAsJsonAsync($"/api/v1/orders/{id}/payments?access={order.Access()}", new { method = "sandbox" });

        Assert.Equal(HttpStatusCode.NotFound, withoutLink.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknownMethod.StatusCode);
        Assert.True((await unknownMethod.JsonAsync()).GetProperty("errors").TryGetProperty("Method", out _));
        Assert.Equal(HttpStatusCode.Conflict, cancelled.StatusCode);
        Assert.Equal("payment.not_payable", (await cancelled.JsonAsync()).GetProperty("code").GetString());
    }
}

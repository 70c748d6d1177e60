using System.Net;
using System.Net.Http.Json;
using Shop.Testing;

namespace Shop.Tests.Ordering;

/// <summary>Downloading a paid order's invoice (GET /orders/{id}/invoice.pdf), as a guest with the emailed link.</summary>
public sealed class DownloadInvoiceTests(ShopAppFactory app) : IClassFixture<ShopAppFactory>
{
    [Fact]
    public async Task A_guest_downloads_the_invoice_once_the_order_is_paid_and_only_with_the_link()
    {
        await app.EnsureShippingAsync();
        var catalog = await CatalogClient.CreateAsync(app);
        var guest = await app.GuestWithCartAsync(await catalog.VariantAsync());
        var order = await CatalogClient.Expect(await guest.CheckoutAsync(ApiClient.NewEmail("guest")), HttpStatusCode.Created);
        var id = order.GetProperty("id").GetString();
        var number = order.GetProperty("number").GetString();

        var unpaid = await guest.GetAsync($"/orders/{id}/invoice.pdf?access={order.Access()}");
        await CatalogClient.Expect(await catalog.Admin.PostAsJsonAsync($"/api/v1/admin/orders/{id}/actions", new { action = "markPaid" }), HttpStatusCode.OK);
        var invoice = await guest.GetAsync($"/orders/{id}/invoice.pdf?access={order.Access()}");

        Assert.Equal(HttpStatusCode.Conflict, unpaid.StatusCode);
        Assert.Equal($"The invoice for order {number} is available once it is paid.", (await unpaid.JsonAsync()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, invoice.StatusCode);
        Assert.Equal("application/pdf", invoice.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"invoice-{number}.pdf", invoice.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString((await invoice.Content.ReadAsByteArrayAsync())[..4]));
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync($"/orders/{id}/invoice.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync($"/orders/{id}/invoice.pdf?access=forged")).StatusCode);
    }
}

using System.Net;
using System.Net.Http.Json;
using Dapper;
using Npgsql;

namespace Shop.Testing;

/// <summary>A customer who received a product: ordered (cash on delivery), then shipped and delivered by the seller.</summary>
public static class Deliveries
{
    public static async Task<Guid> DeliverAsync(this ShopAppFactory app, HttpClient customer, HttpClient seller, Guid variantId)
    {
        await customer.AddToCartAsync(variantId);
        var order = await CatalogClient.Expect(await customer.CheckoutAsync(null), HttpStatusCode.Created);
        var orderId = order.GetProperty("id").GetGuid();
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        var fulfillmentId = await connection.QuerySingleAsync<Guid>("SELECT id FROM ordering.fulfillments WHERE order_id = @orderId", new { orderId });
        object[] steps = [new { status = "processing" }, new { status = "shipped", carrier = "Delhivery", trackingNumber = $"DL{Random.Shared.Next(100_000, 999_999)}" }, new { status = "delivered" }];
        foreach (var step in steps)
            await CatalogClient.Expect(await seller.PostAsJsonAsync($"/api/v1/seller/fulfillments/{fulfillmentId}/status", step), HttpStatusCode.OK);
        return orderId;
    }
}

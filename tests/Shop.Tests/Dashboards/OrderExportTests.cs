using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shop.Testing;

namespace Shop.Tests.Dashboards;

/// <summary>The orders exports linked from the dashboards: every order for admins, a seller's own for a seller, filters checked.</summary>
public sealed class OrderExportTests(ShopAppFactory app) : IClassFixture<ShopAppFactory>
{
    [Fact]
    public async Task Admins_export_every_order_and_a_seller_only_the_orders_holding_its_items()
    {
        await app.EnsureShippingAsync();
        var (admin, _) = await app.SignedInClientAsync("admin", "admin");
        var (seller, sellerEmail) = await app.SignedInClientAsync("seller", "seller");
        var (otherSeller, _) = await app.SignedInClientAsync("seller", "seller");
        var category = (await new CatalogClient(app, admin, seller).CategoryAsync("Exported Textiles")).GetProperty("id").GetString()!;
        var shawl = await new CatalogClient(app, admin, seller).ProductAsync(CatalogClient.Unique("Pashmina Shawl"), category,
            [CatalogClient.Variant("PSH-" + Guid.NewGuid().ToString("N")[..8], 4500m)]);
        var rug = await new CatalogClient(app, admin, otherSeller).ProductAsync(CatalogClient.Unique("Dhurrie Rug"), category,
            [CatalogClient.Variant("DHR-" + Guid.NewGuid().ToString("N")[..8], 2100m)]);
        var (customer, _) = await app.SignedInClientAsync("buyer");
        await customer.AddToCartAsync(VariantOf(shawl), quantity: 2);
        await customer.AddToCartAsync(VariantOf(rug));
        var mixed = await CatalogClient.Expect(await customer.CheckoutAsync(email: null), HttpStatusCode.Created);
        await customer.AddToCartAsync(VariantOf(rug));
        var rugOnly = await CatalogClient.Expect(await customer.CheckoutAsync(email: null), HttpStatusCode.Created);

        var everything = await admin.GetAsync("/api/v1/admin/orders/export");
        Assert.Equal("text/csv", everything.Content.Headers.ContentType?.MediaType);
        Assert.Contains("attachment", everything.Content.Headers.ContentDisposition?.ToString());
        var lines = (await everything.Content.ReadAsStringAsync()).TrimEnd('\n').Split('\n');
        Assert.Equal("number,placed_at,status,email,payment_method,items,subtotal,discount,tax,shipping,total,currency", lines[0]);
        var mixedRow = lines.Single(l => l.StartsWith(Number(mixed) + ",", StringComparison.Ordinal)).Split(',');
        Assert.Equal(["pending_payment", "cod", "3"], new[] { mixedRow[2], mixedRow[4], mixedRow[5] });
        Assert.Contains(lines, l => l.StartsWith(Number(rugOnly) + ",", StringComparison.Ordinal));

        var own = (await seller.GetStringAsync($"/api/v1/seller/orders/export?from=2020-01-01&to={DateTime.UtcNow.AddDays(2):yyyy-MM-dd}")).TrimEnd('\n').Split('\n');
        Assert.Equal("number,placed_at,status,items,total,currency", own[0]);
        var ownRow = Assert.Single(own[1..]).Split(',');
        Assert.Equal([Number(mixed), "pending_payment", "2", "9000.00", "INR"], new[] { ownRow[0], ownRow[2], ownRow[3], ownRow[4], ownRow[5] });
        Assert.Equal(3, (await otherSeller.GetStringAsync("/api/v1/seller/orders/export")).TrimEnd('\n').Split('\n').Length);

        var sellerId = await app.UserIdAsync(sellerEmail);
        var bySeller = (await admin.GetStringAsync($"/api/v1/admin/orders/export?seller={sellerId}")).TrimEnd('\n').Split('\n');
        Assert.Equal([Number(mixed)], bySeller[1..].Select(l => l.Split(',')[0]));

        var allLines = (await admin.GetStringAsync($"/api/v1/admin/orders/lines/export?from={DateTime.UtcNow.AddDays(-1):yyyy-MM-dd}")).TrimEnd('\n').Split('\n');
        Assert.Equal("order_number,placed_at,order_status,seller,fulfillment_status,sku,product,variant,quantity,unit_price,subtotal,discount,tax_percent,tax,total,currency", allLines[0]);
        var mixedLines = allLines.Where(l => l.StartsWith(Number(mixed) + ",", StringComparison.Ordinal)).Select(l => l.Split(',')).ToList();
        Assert.Equal(2, mixedLines.Count);
        Assert.Contains(mixedLines, l => l[5].StartsWith("PSH-", StringComparison.Ordinal) && l[8] == "2" && l[9] == "4500.00" && l[4] == "pending");
        var ownLines = (await seller.GetStringAsync("/api/v1/seller/orders/lines/export")).TrimEnd('\n').Split('\n')[1..];
        var ownLine = Assert.Single(ownLines).Split(',');
        Assert.Equal([Number(mixed), "pending_payment", "2", "9000.00"], new[] { ownLine[0], ownLine[2], ownLine[8], ownLine[14] });
        Assert.Single((await admin.GetStringAsync($"/api/v1/admin/orders/lines/export?seller={sellerId}")).TrimEnd('\n').Split('\n')[1..]);
        var badSeller = await admin.GetAsync("/api/v1/admin/orders/lines/export?seller=someone%00");
        Assert.Equal(HttpStatusCode.BadRequest, badSeller.StatusCode);
        Assert.True((await badSeller.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("seller", out _));

        Assert.Single((await admin.GetStringAsync("/api/v1/admin/orders/export?status=delivered")).TrimEnd('\n').Split('\n'));
        Assert.Single((await admin.GetStringAsync("/api/v1/admin/orders/export?from=2020-01-01&to=2020-01-31")).TrimEnd('\n').Split('\n'));
        Assert.True((await admin.GetStringAsync($"/api/v1/admin/orders/export?status=PendingPayment&from={DateTime.UtcNow.AddDays(-1):yyyy-MM-dd}")).Split('\n').Length >= 3);

        var refused = await admin.GetAsync("/api/v1/admin/orders/export?from=yesterday&to=2026-01-01&status=lost");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("yyyy-MM-dd", errors.GetProperty("from")[0].GetString());
        Assert.Contains("pending_payment", errors.GetProperty("status")[0].GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await seller.GetAsync("/api/v1/admin/orders/export")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await customer.GetAsync("/api/v1/seller/orders/export")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/v1/seller/orders/export")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await seller.GetAsync("/api/v1/admin/orders/lines/export")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await customer.GetAsync("/api/v1/seller/orders/lines/export")).StatusCode);
    }

    [Fact]
    public async Task Admins_export_the_customers_and_the_users_a_search_finds()
    {
        var (admin, _) = await app.SignedInClientAsync("admin", "admin");
        var (_, customerEmail) = await app.SignedInClientAsync("buyer");
        var (seller, sellerEmail) = await app.SignedInClientAsync("seller", "seller");

        var response = await admin.GetAsync("/api/v1/admin/users/export?role=customer");
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("customers-", response.Content.Headers.ContentDisposition?.FileName);
        var rows = await ReadCsvAsync(response);
        Assert.Equal(["email", "name", "phone", "email_confirmed", "active", "registered_at", "roles"], rows[0]);
        var customer = Assert.Single(rows, r => r[0] == customerEmail);
        Assert.Equal(["True", "True"], customer[3..5]);
        Assert.Contains("customer", customer[6].Split(' '));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", customer[5]);

        var sellers = await ReadCsvAsync(await admin.GetAsync($"/api/v1/admin/users/export?role=seller&q={Uri.EscapeDataString(sellerEmail)}"));
        Assert.Equal(sellerEmail, Assert.Single(sellers[1..])[0]);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/v1/admin/users/export?role=owner")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await seller.GetAsync("/api/v1/admin/users/export")).StatusCode);
    }

    private static async Task<List<string[]>> ReadCsvAsync(HttpResponseMessage response)
    {
        using var reader = new StringReader(await response.Content.ReadAsStringAsync());
        using var csv = new CsvHelper.CsvParser(reader, System.Globalization.CultureInfo.InvariantCulture);
        var rows = new List<string[]>();
        while (await csv.ReadAsync())
            rows.Add(csv.Record!);
        return rows;
    }

    private static Guid VariantOf(JsonElement product) => Guid.Parse(product.GetProperty("variants")[0].GetProperty("id").GetString()!);

    private static string Number(JsonElement order) => order.GetProperty("number").GetString()!;
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using Npgsql;
using Shop.Testing;

namespace Shop.Tests.Ordering;

public sealed class CheckoutApiTests(ShopAppFactory app) : IClassFixture<ShopAppFactory>
{
    private async Task<(CatalogClient Catalog, Guid VariantId, Guid ProductId)> ProductAsync(int stock, decimal price = 300m, HttpClient? seller = null, CatalogClient? catalog = null)
    {
        catalog ??= await CatalogClient.CreateAsync(app);
        var category = await catalog.CategoryAsync("Ordered");
        var product = await catalog.ProductAsync(CatalogClient.Unique("Clay Pot"), category.GetProperty("id").GetString()!,
            [CatalogClient.Variant("ORD-" + Guid.NewGuid().ToString("N")[..8], price, stock: stock)], client: seller);
        return (catalog, Guid.Parse(product.GetProperty("variants")[0].GetProperty("id").GetString()!), Guid.Parse(product.GetProperty("id").GetString()!));
    }

    private async Task<T> ScalarAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        return (await connection.ExecuteScalarAsync<T>(sql, parameters))!;
    }

    [Fact]
    public async Task A_customer_ships_to_the_address_chosen_never_a_saved_one_when_a_new_one_is_sent_too_and_may_save_the_new_one()
    {
        await app.EnsureShippingAsync();
        var (_, variantId, _) = await ProductAsync(stock: 5);
        var (customer, _) = await app.SignedInClientAsync("chooser");
        var saved = await CatalogClient.Expect(await customer.PostAsJsonAsync("/api/v1/me/addresses", Shopper.Address), HttpStatusCode.Created);
        await customer.AddToCartAsync(variantId);
        var typed = new { fullName = "Rohan Kulkarni", phone = "+91 98220 33333", line1 = "14 FC Road", city = "Pune", state = "Maharashtra", postalCode = "411004", country = "IN" };

        var both = await CatalogClient.Expect(await customer.PostAsJsonAsync("/api/v1/checkout",
            new { shippingAddressId = saved.GetProperty("id").GetString(), shippingAddress = typed, shippingMethod = "standard" }), HttpStatusCode.BadRequest);
        Assert.StartsWith("You chose a saved address and also entered a new one.", both.GetProperty("errors").GetProperty("ShippingAddressId")[0].GetString());
        Assert.Equal(1, (await customer.GetFromJsonAsync<JsonElement>("/api/v1/cart")).GetProperty("itemCount").GetInt32());

        var order = await CatalogClient.Expect(await customer.PostAsJsonAsync("/api/v1/checkout",
            new { shippingAddress = typed, shippingMethod = "standard", saveShippingAddress = true }), HttpStatusCode.Created);
        var detail = await customer.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{order.GetProperty("id").GetString()}");
        Assert.Equal("Pune", detail.GetProperty("shippingAddress").GetProperty("city").GetString());
        var book = await customer.GetFromJsonAsync<JsonElement>("/api/v1/me/addresses");
        Assert.Equal(["Bengaluru", "Pune"], book.EnumerateArray().Select(a => a.GetProperty("city").GetString()).Order());
        Assert.True(book.EnumerateArray().Single(a => a.GetProperty("city").GetString() == "Bengaluru").GetProperty("isDefaultShipping").GetBoolean());
    }

    [Fact]
    public async Task A_guest_places_an_order_that_reserves_stock_empties_the_cart_and_emails_a_signed_link()
    {
        await app.EnsureShippingAsync();
        var (_, variantId, productId) = await ProductAsync(stock: 5, price: 300m);
        var guest = await app.GuestWithCartAsync(variantId, 2);
        var email = ApiClient.NewEmail("guest");

        var preview = await (await guest.PostAsJsonAsync("/api/v1/checkout/preview", new { shippingAddress = Shopper.Address, shippingMethod = "standard" })).JsonAsync();
        Assert.Equal(600m, preview.GetProperty("quote").GetProperty("total").GetDecimal());
        Assert.Equal(0m, preview.GetProperty("quote").GetProperty("shipping").GetDecimal());

        var placed = await guest.CheckoutAsync(email, idempotencyKey: Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        var order = await placed.JsonAsync();
        Assert.Matches(new Regex("^SH-2026-[2-9A-HJKMNP-Z]{8}$"), order.GetProperty("number").GetString());
        Assert.Equal("pendingPayment", order.GetProperty("status").GetString());
        Assert.Equal(2, await ScalarAsync<int>("SELECT reserved FROM inventory.stock_items WHERE variant_id = @variantId", new { variantId }));
        Assert.Equal(0, (await guest.GetFromJsonAsync<JsonElement>("/api/v1/cart")).GetProperty("itemCount").GetInt32());
        await Eventually.TrueAsync(async () => await ScalarAsync<int>("SELECT sold_count FROM catalog.products WHERE id = @productId", new { productId }) == 2, "sold count raised");

        var mail = await app.WaitForMailAsync(email, "Your Bazaar order");
        var link = mail.LinkTo("/orders/");
        var id = order.GetProperty("id").GetString();
        var viaLink = await app.CreateClient().GetAsync("/api/v1" + link);
        Assert.Equal(HttpStatusCode.OK, viaLink.StatusCode);
        var detail = await viaLink.JsonAsync();
        Assert.Equal("Asha Rao", detail.GetProperty("shippingAddress").GetProperty("fullName").GetString());
        Assert.Equal("placed", detail.GetProperty("timeline")[0].GetProperty("kind").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync($"/api/v1/orders/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync($"/api/v1/orders/{id}?access=forged")).StatusCode);
    }

    [Fact]
    public async Task An_empty_cart_or_a_missing_address_is_refused_with_a_clear_answer()
    {
        await app.EnsureShippingAsync();
        var empty = await app.CreateClient().CheckoutAsync();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.StatusCode);
        Assert.Equal("Your cart is empty.", (await empty.JsonAsync()).GetProperty("detail").GetString());

        var (_, variantId, _) = await ProductAsync(stock: 5);
        var guest = await app.GuestWithCartAsync(variantId);
        var noAddress = await guest.PostAsJsonAsync("/api/v1/checkout", new { email = "x@example.in", shippingMethod = "standard" });
        Assert.Equal(HttpStatusCode.BadRequest, noAddress.StatusCode);
        Assert.True((await noAddress.JsonAsync()).GetProperty("errors").TryGetProperty("ShippingAddress", out _));
        var badPostal = await guest.PostAsJsonAsync("/api/v1/checkout", new
        {
            email = "x@example.in", shippingMethod = "standard",
            shippingAddress = new { fullName = "A", phone = "+91 98450 12345", line1 = "1 Road", city = "Pune", state = "Maharashtra", postalCode = "!", country = "IN" },
        });
        Assert.True((await badPostal.JsonAsync()).GetProperty("errors").TryGetProperty("ShippingAddress.PostalCode", out _));
        var noMethod = await guest.CheckoutAsync(shippingMethod: "teleport");
        Assert.True((await noMethod.JsonAsync()).GetProperty("errors").TryGetProperty("ShippingMethod", out _));
        var noEmail = await guest.CheckoutAsync(email: null);
        Assert.True((await noEmail.JsonAsync()).GetProperty("errors").TryGetProperty("Email", out _));
        Assert.Equal(0, await ScalarAsync<int>("SELECT reserved FROM inventory.stock_items WHERE variant_id = @variantId", new { variantId }));
    }

    [Fact]
    public async Task The_same_idempotency_key_sent_twenty_times_at_once_places_one_order()
    {
        await app.EnsureShippingAsync();
        var (_, variantId, _) = await ProductAsync(stock: 10);
        var (customer, email) = await app.SignedInClientAsync("retrier");
        await customer.AddToCartAsync(variantId, 2);
        var key = Guid.NewGuid().ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => customer.CheckoutAsync(null, idempotencyKey: key)));

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, r.StatusCode.ToString()));
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        var ids = await Task.WhenAll(responses.Select(async r => (await r.JsonAsync()).GetProperty("id").GetString()));
        Assert.Single(ids.Distinct());
        Assert.Equal(1, await ScalarAsync<int>("SELECT count(*) FROM ordering.orders WHERE email = @email", new { email }));
        Assert.Equal(2, await ScalarAsync<int>("SELECT reserved FROM inventory.stock_items WHERE variant_id = @variantId", new { variantId }));
    }

    [Fact]
    public async Task An_idempotency_key_resent_with_a_different_request_is_refused_and_with_the_same_request_returns_the_first_order()
    {
        await app.EnsureShippingAsync();
        var (_, variantId, _) = await ProductAsync(stock: 10);
        var (customer, email) = await app.SignedInClientAsync("rekeyer");
        await customer.AddToCartAsync(variantId);
        var key = Guid.NewGuid().ToString();

        var first = await customer.CheckoutAsync(null, idempotencyKey: key);
        var again = await customer.CheckoutAsync(null, idempotencyKey: key);
        await customer.AddToCartAsync(variantId);
        var changed = await customer.CheckoutAsync(null, shippingMethod: "express", idempotencyKey: key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal((await first.JsonAsync()).GetProperty("id").GetString(), (await again.JsonAsync()).GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, changed.StatusCode);
        Assert.Equal("application/problem+json", changed.Content.Headers.ContentType?.MediaType);
        Assert.Equal("idempotency.key_reused", (await changed.JsonAsync()).GetProperty("code").GetString());
        Assert.Equal(1, await ScalarAsync<int>("SELECT count(*) FROM ordering.orders WHERE email = @email", new { email }));
        Assert.Equal(1, (await customer.GetFromJsonAsync<JsonElement>("/api/v1/cart")).GetProperty("itemCount").GetInt32());
    }

    [Fact]
    public async Task Two_hundred_buyers_racing_for_fifty_units_buy_exactly_fifty()
    {
        await app.EnsureShippingAsync();
        var (_, variantId, _) = await ProductAsync(stock: 50);
        var guests = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => app.GuestWithCartAsync(variantId)));

        var responses = await Task.WhenAll(guests.Select((guest, i) => Task.Run(() => guest.CheckoutAsync($"racer{i}@example.in"))));

        Assert.Equal(50, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        var refusals = responses.Where(r => r.StatusCode != HttpStatusCode.Created).ToList();
        Assert.Equal(150, refusals.Count);
        Assert.All(refusals, r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        Assert.Contains("out of stock", (await refusals[0].JsonAsync()).GetProperty("detail").GetString());
        Assert.Equal(50, await ScalarAsync<int>("SELECT reserved FROM inventory.stock_items WHERE variant_id = @variantId", new { variantId }));
        Assert.Equal(50, await ScalarAsync<int>("SELECT coalesce(sum(quantity), 0)::int FROM ordering.order_lines WHERE variant_id = @variantId", new { variantId }));
    }

    [Fact]
    public async Task A_coupon_limited_to_ten_uses_raced_by_fifty_buyers_discounts_exactly_ten_orders()
    {
        await app.EnsureShippingAsync();
        var (_, variantId, _) = await ProductAsync(stock: 100, price: 1000m);
        var (admin, _) = await app.SignedInClientAsync("admin", "admin");
        var code = $"TEN-{Guid.NewGuid():N}"[..12].ToUpperInvariant();
        await CatalogClient.Expect(await admin.PostAsJsonAsync("/api/v1/admin/coupons",
            new { code, description = "Ten only", kind = "fixed", amount = 100m, scope = "cart", usageLimit = 10, isActive = true }), HttpStatusCode.Created);
        var guests = await Task.WhenAll(Enumerable.Range(0, 50).Select(async _ =>
        {
            var guest = await app.GuestWithCartAsync(variantId);
            await CatalogClient.Expect(await guest.PostAsJsonAsync("/api/v1/cart/coupon", new { code }), HttpStatusCode.OK);
            return guest;
        }));

        var responses = await Task.WhenAll(guests.Select((guest, i) => Task.Run(() => guest.CheckoutAsync($"coupon{i}@example.in"))));

        Assert.Equal(10, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(40, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(10, await ScalarAsync<int>("SELECT count(*) FROM ordering.orders WHERE coupon_code = @code AND discount = 100", new { code }));
        Assert.Equal(10, await ScalarAsync<int>("SELECT used_count FROM pricing.coupons WHERE code = @code", new { code }));
        Assert.Equal(10, await ScalarAsync<int>("SELECT reserved FROM inventory.stock_items WHERE variant_id = @variantId", new { variantId }));
    }
}

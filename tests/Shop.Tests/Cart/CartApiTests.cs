using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Shop.Testing;

namespace Shop.Tests.Cart;

public sealed class CartApiTests(ShopAppFactory app) : IClassFixture<ShopAppFactory>
{
    private async Task<(CatalogClient Catalog, JsonElement Product, Guid VariantId)> ProductAsync(int stock, decimal price = 499m, string? title = null)
    {
        var catalog = await CatalogClient.CreateAsync(app);
        var category = await catalog.CategoryAsync("Carted");
        var sku = "CART-" + Guid.NewGuid().ToString("N")[..8];
        var product = await catalog.ProductAsync(title ?? CatalogClient.Unique("Cotton Tote"), category.GetProperty("id").GetString()!, [CatalogClient.Variant(sku, price, stock: stock)]);
        return (catalog, product, Guid.Parse(product.GetProperty("variants")[0].GetProperty("id").GetString()!));
    }

    private static HttpClient WithToken(HttpClient client, string token)
    {
        client.DefaultRequestHeaders.Add("X-Cart-Token", token);
        return client;
    }

    [Fact]
    public async Task A_guest_cart_is_reached_with_the_token_the_first_add_returns()
    {
        var (_, _, variantId) = await ProductAsync(stock: 10, price: 499m);
        var guest = app.CreateClient();

        var added = await guest.PostAsJsonAsync("/api/v1/cart/items", new { variantId, quantity = 2 });

        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var token = Assert.Single(added.Headers.GetValues("X-Cart-Token"));
        var cart = await WithToken(app.CreateClient(), token).GetFromJsonAsync<JsonElement>("/api/v1/cart");
        var line = Assert.Single(cart.GetProperty("lines").EnumerateArray());
        Assert.Equal(2, line.GetProperty("quantity").GetInt32());
        Assert.Equal(998m, cart.GetProperty("totals").GetProperty("subtotal").GetDecimal());
        Assert.Equal("INR", cart.GetProperty("totals").GetProperty("currency").GetString());
        Assert.Equal(2, cart.GetProperty("itemCount").GetInt32());

        var stranger = await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/cart");
        Assert.Empty(stranger.GetProperty("lines").EnumerateArray());
    }

    [Fact]
    public async Task Quantities_beyond_stock_are_refused_with_a_clear_message()
    {
        var (_, product, variantId) = await ProductAsync(stock: 3, title: CatalogClient.Unique("Brass Lamp"));
        var guest = app.CreateClient();
        var token = Assert.Single((await guest.PostAsJsonAsync("/api/v1/cart/items", new { variantId, quantity = 2 })).Headers.GetValues("X-Cart-Token"));
        var client = WithToken(app.CreateClient(), token);

        var tooMany = await client.PostAsJsonAsync("/api/v1/cart/items", new { variantId, quantity = 2 });
        Assert.Equal(HttpStatusCode.Conflict, tooMany.StatusCode);
        var problem = await tooMany.JsonAsync();
        Assert.Equal("cart.insufficient_stock", problem.GetProperty("code").GetString());
        Assert.Equal($"Only 3 of {product.GetProperty("title").GetString()} left; you asked for 4.", problem.GetProperty("detail").GetString());

        var invalid = await client.PostAsJsonAsync("/api/v1/cart/items", new { variantId, quantity = 0 });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.True((await invalid.JsonAsync()).GetProperty("errors").TryGetProperty("Quantity", out _));

        var unknown = await client.PostAsJsonAsync("/api/v1/cart/items", new { variantId = Guid.NewGuid(), quantity = 1 });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);

        Assert.Equal(2, (await client.GetFromJsonAsync<JsonElement>("/api/v1/cart")).GetProperty("itemCount").GetInt32());
    }

    [Fact]
    public async Task An_out_of_stock_variant_cannot_be_added()
    {
        var (_, _, variantId) = await ProductAsync(stock: 0);

        var refused = await app.CreateClient().PostAsJsonAsync("/api/v1/cart/items", new { variantId, quantity = 1 });

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("cart.out_of_stock", (await refused.JsonAsync()).GetProperty("code").GetString());
        Assert.False(refused.Headers.Contains("X-Cart-Token"));
    }

    [Fact]
    public async Task Lines_change_quantity_and_are_removed()
    {
        var (_, _, first) = await ProductAsync(stock: 10);
        var (_, _, second) = await ProductAsync(stock: 10);
        var (customer, _) = await app.SignedInClientAsync("shopper");
        await customer.PostAsJsonAsync("/api/v1/cart/items", new { variantId = first, quantity = 1 });
        await customer.PostAsJsonAsync("/api/v1/cart/items", new { variantId = second, quantity = 1 });

        var changed = await (await customer.PutAsJsonAsync($"/api/v1/cart/items/{first}", new { quantity = 5 })).JsonAsync();
        Assert.Equal(6, changed.GetProperty("itemCount").GetInt32());
        var removedByZero = await (await customer.PutAsJsonAsync($"/api/v1/cart/items/{second}", new { quantity = 0 })).JsonAsync();
        Assert.Single(removedByZero.GetProperty("lines").EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await customer.DeleteAsync($"/api/v1/cart/items/{second}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await customer.DeleteAsync($"/api/v1/cart/items/{first}")).StatusCode);
        Assert.Equal(0, (await customer.GetFromJsonAsync<JsonElement>("/api/v1/cart")).GetProperty("itemCount").GetInt32());
    }

    [Fact]
    public async Task The_cart_warns_when_the_price_or_stock_changed_since_the_item_was_added()
    {
        var (catalog, product, variantId) = await ProductAsync(stock: 5, price: 1000m);
        var (customer, _) = await app.SignedInClientAsync("shopper");
        await customer.PostAsJsonAsync("/api/v1/cart/items", new { variantId, quantity = 4 });

        var id = product.GetProperty("id").GetString();
        var variant = product.GetProperty("variants")[0];
        var update = await catalog.Seller.PutAsJsonAsync($"/api/v1/seller/products/{id}", new
        {
            title = product.GetProperty("title").GetString(), brand = "Acme", description = "A fine thing.", categoryId = product.GetProperty("categoryId").GetString(),
            status = "active", images = Array.Empty<object>(),
            variants = new[] { new { id = variant.GetProperty("id").GetString(), sku = variant.GetProperty("sku").GetString(), price = 1200m, weightGrams = 250, options = new Dictionary<string, string>() } },
        });
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await catalog.Seller.PostAsJsonAsync($"/api/v1/seller/stock/{variantId}/adjust", new { setTo = 2, reason = "Recount" })).StatusCode);

        var cart = await customer.GetFromJsonAsync<JsonElement>("/api/v1/cart");
        var line = cart.GetProperty("lines")[0];
        Assert.Equal(1200m, line.GetProperty("unitPrice").GetDecimal());
        Assert.Equal(1000m, line.GetProperty("priceWhenAdded").GetDecimal());
        Assert.Equal("Only 2 left. Please lower the quantity.", line.GetProperty("warning").GetString());
        Assert.False(line.GetProperty("orderable").GetBoolean());
        Assert.False(cart.GetProperty("canCheckout").GetBoolean());

        var lowered = await (await customer.PutAsJsonAsync($"/api/v1/cart/items/{variantId}", new { quantity = 2 })).JsonAsync();
        Assert.Equal("The price changed from ₹1,000.00 to ₹1,200.00 since you added it.", lowered.GetProperty("lines")[0].GetProperty("warning").GetString());
        Assert.True(lowered.GetProperty("canCheckout").GetBoolean());
        Assert.Equal(2400m, lowered.GetProperty("totals").GetProperty("subtotal").GetDecimal());
    }

    [Fact]
    public async Task A_guest_cart_merges_into_the_customer_cart_at_sign_in_capped_by_stock()
    {
        var (_, _, shared) = await ProductAsync(stock: 5);
        var (_, _, guestOnly) = await ProductAsync(stock: 5);
        var email = ApiClient.NewEmail("merge");
        await app.RegisterConfirmedAsync(email);
        var before = app.BearerClient((await app.LoginAsync(email)).AccessToken);
        await before.PostAsJsonAsync("/api/v1/cart/items", new { variantId = shared, quantity = 3 });

        var guest = app.CreateClient();
        var token = Assert.Single((await guest.PostAsJsonAsync("/api/v1/cart/items", new { variantId = shared, quantity = 4 })).Headers.GetValues("X-Cart-Token"));
        await WithToken(app.CreateClient(), token).PostAsJsonAsync("/api/v1/cart/items", new { variantId = guestOnly, quantity = 2 });

        await app.EnsureShippingAsync();
        var signedIn = WithToken(app.BearerClient((await app.LoginAsync(email)).AccessToken), token);
        // The first request after sign-in only previews checkout; the merge must stick all the same.
        await CatalogClient.Expect(await signedIn.PostAsJsonAsync("/api/v1/checkout/preview", new { shippingAddress = Shopper.Address, shippingMethod = "standard" }), HttpStatusCode.OK);
        var merged = await app.BearerClient((await app.LoginAsync(email)).AccessToken).GetFromJsonAsync<JsonElement>("/api/v1/cart");

        var quantities = merged.GetProperty("lines").EnumerateArray().ToDictionary(l => l.GetProperty("variantId").GetGuid(), l => l.GetProperty("quantity").GetInt32());
        Assert.Equal(5, quantities[shared]);
        Assert.Equal(2, quantities[guestOnly]);
        Assert.Empty((await WithToken(app.CreateClient(), token).GetFromJsonAsync<JsonElement>("/api/v1/cart")).GetProperty("lines").EnumerateArray());

        var nextSession = app.BearerClient((await app.LoginAsync(email)).AccessToken);
        Assert.Equal(7, (await nextSession.GetFromJsonAsync<JsonElement>("/api/v1/cart")).GetProperty("itemCount").GetInt32());
    }

    [Fact]
    public async Task Parallel_adds_to_one_cart_never_exceed_stock()
    {
        var (_, _, variantId) = await ProductAsync(stock: 5);
        var (customer, _) = await app.SignedInClientAsync("racer");

        var statuses = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => customer.PostAsJsonAsync("/api/v1/cart/items", new { variantId, quantity = 1 })));

        Assert.Equal(5, statuses.Count(s => s.StatusCode == HttpStatusCode.OK));
        Assert.Equal(7, statuses.Count(s => s.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(5, (await customer.GetFromJsonAsync<JsonElement>("/api/v1/cart")).GetProperty("itemCount").GetInt32());
    }

    [Fact]
    public async Task Customers_keep_a_wishlist_and_move_items_to_the_cart()
    {
        var (_, _, inStock) = await ProductAsync(stock: 2);
        var (_, _, soldOut) = await ProductAsync(stock: 0);
        var (customer, _) = await app.SignedInClientAsync("wisher");

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/v1/wishlist")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await customer.PostAsJsonAsync("/api/v1/wishlist", new { variantId = inStock })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await customer.PostAsJsonAsync("/api/v1/wishlist", new { variantId = inStock })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await customer.PostAsJsonAsync("/api/v1/wishlist", new { variantId = soldOut })).StatusCode);
        var list = await customer.GetFromJsonAsync<JsonElement>("/api/v1/wishlist");
        Assert.Equal(2, list.GetArrayLength());

        var refused = await customer.PostAsync($"/api/v1/wishlist/{soldOut}/move-to-cart", null);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var moved = await (await customer.PostAsync($"/api/v1/wishlist/{inStock}/move-to-cart", null)).JsonAsync();
        Assert.Equal(1, moved.GetProperty("itemCount").GetInt32());

        var remaining = await customer.GetFromJsonAsync<JsonElement>("/api/v1/wishlist");
        Assert.Equal(soldOut, Assert.Single(remaining.EnumerateArray()).GetProperty("variantId").GetGuid());
        Assert.Equal(HttpStatusCode.NoContent, (await customer.DeleteAsync($"/api/v1/wishlist/{soldOut}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await customer.DeleteAsync($"/api/v1/wishlist/{soldOut}")).StatusCode);
    }

    [Fact]
    public async Task Guest_carts_left_alone_for_a_month_are_removed_and_customer_carts_kept()
    {
        var (_, _, variantId) = await ProductAsync(stock: 10);
        var oldGuest = await app.GuestWithCartAsync(variantId);
        var freshGuest = await app.GuestWithCartAsync(variantId);
        var (customer, email) = await app.SignedInClientAsync("keeper");
        await customer.AddToCartAsync(variantId);
        await using (var connection = new Npgsql.NpgsqlConnection(app.ConnectionString))
            await Dapper.SqlMapper.ExecuteAsync(connection, """
                UPDATE cart.carts SET updated_at = now() - interval '31 days'
                 WHERE token_hash = @hash OR customer_id = @customer
                """, new { hash = CartVisitorHash(oldGuest), customer = await app.UserIdAsync(email) });

        var removed = await app.Services.GetRequiredService<Shop.Web.Modules.Cart.Shopping.AbandonedCarts>().SweepAsync();

        Assert.True(removed >= 1);
        Assert.Equal(0, (await oldGuest.GetFromJsonAsync<JsonElement>("/api/v1/cart")).GetProperty("itemCount").GetInt32());
        Assert.Equal(1, (await freshGuest.GetFromJsonAsync<JsonElement>("/api/v1/cart")).GetProperty("itemCount").GetInt32());
        Assert.Equal(1, (await customer.GetFromJsonAsync<JsonElement>("/api/v1/cart")).GetProperty("itemCount").GetInt32());
    }

    private static string CartVisitorHash(HttpClient guest) =>
        Shop.Web.Modules.Cart.Shopping.CartVisitor.Hash(guest.DefaultRequestHeaders.GetValues("X-Cart-Token").Single());
}

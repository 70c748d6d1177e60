using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Shop.Testing;
using Shop.Web.Modules.Inventory.Contracts;
using Shop.Web.Platform.Database;

namespace Shop.Tests.Notifications;

/// <summary>The in-app notification centre and the choices people make about what reaches them.</summary>
public sealed class NotificationCentreTests(ShopAppFactory app) : IClassFixture<ShopAppFactory>
{
    private async Task<(CatalogClient Catalog, Guid VariantId, string Sku)> ProductAsync(int stock, HttpClient? seller = null, CatalogClient? catalog = null)
    {
        catalog ??= await CatalogClient.CreateAsync(app);
        var category = await catalog.CategoryAsync("Announced");
        var sku = "ANN-" + Guid.NewGuid().ToString("N")[..8];
        var product = await catalog.ProductAsync(CatalogClient.Unique("Brass Lamp"), category.GetProperty("id").GetString()!, [CatalogClient.Variant(sku, 450m, stock: stock)], client: seller);
        return (catalog, Guid.Parse(product.GetProperty("variants")[0].GetProperty("id").GetString()!), sku);
    }

    private async Task ReserveAsync(Guid variantId, int quantity)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ShopDbContext>()
            .InTransactionAsync(() => scope.ServiceProvider.GetRequiredService<IInventory>().ReserveAsync([new StockLine(variantId, quantity)], "test-" + Guid.NewGuid()));
    }

    private static async Task<JsonElement> InboxAsync(HttpClient client) => await client.GetFromJsonAsync<JsonElement>("/api/v1/notifications");

    [Fact]
    public async Task Each_user_sees_and_marks_only_their_own_notifications()
    {
        await app.EnsureShippingAsync();
        var (_, variantId, _) = await ProductAsync(stock: 10);
        var (customer, _) = await app.SignedInClientAsync("centre");
        var (stranger, _) = await app.SignedInClientAsync("stranger");
        await customer.AddToCartAsync(variantId);
        var order = await CatalogClient.Expect(await customer.CheckoutAsync(email: null), HttpStatusCode.Created);

        var inbox = await Eventually.GetAsync(() => InboxAsync(customer),
            i => i.GetProperty("unreadCount").GetInt32() == 1 && i.GetProperty("items").GetArrayLength() == 1, "the order to reach the notification centre");
        var entry = inbox.GetProperty("items")[0];
        Assert.Equal("order-placed", entry.GetProperty("kind").GetString());
        Assert.False(entry.GetProperty("read").GetBoolean());
        Assert.Contains(order.GetProperty("number").GetString()!, entry.GetProperty("summary").GetString() + entry.GetProperty("title").GetString());
        Assert.Equal(0, (await InboxAsync(stranger)).GetProperty("total").GetInt32());

        var id = entry.GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsync($"/api/v1/notifications/{id}/read", null)).StatusCode);
        Assert.Equal(1, (await InboxAsync(customer)).GetProperty("unreadCount").GetInt32());
        var marked = await (await customer.PostAsync($"/api/v1/notifications/{id}/read", null)).JsonAsync();
        Assert.Equal(0, marked.GetProperty("unreadCount").GetInt32());
        Assert.True((await InboxAsync(customer)).GetProperty("items")[0].GetProperty("read").GetBoolean());
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/v1/notifications")).StatusCode);
    }

    [Fact]
    public async Task A_seller_who_turns_off_low_stock_emails_still_sees_them_in_the_app_and_others_still_get_the_email()
    {
        var catalog = await CatalogClient.CreateAsync(app);
        var saved = await catalog.Seller.PutAsJsonAsync("/api/v1/notifications/preferences",
            new { preferences = new[] { new { kind = "seller-low-stock", email = false, inApp = true } } });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Contains((await saved.JsonAsync()).EnumerateArray(), p => p.GetProperty("kind").GetString() == "seller-low-stock" && !p.GetProperty("email").GetBoolean());
        var (_, quietVariant, quietSku) = await ProductAsync(stock: 6, catalog: catalog);
        var other = await catalog.AnotherSellerAsync();
        var (_, loudVariant, loudSku) = await ProductAsync(stock: 6, seller: other, catalog: catalog);

        await ReserveAsync(quietVariant, 2);
        await ReserveAsync(loudVariant, 2);

        var mail = await app.WaitForMailAsync("@", $"({loudSku})");
        Assert.StartsWith("Low stock:", mail.Subject);
        Assert.Contains("Only 4 of", mail.Text);
        var quietInbox = await Eventually.GetAsync(() => InboxAsync(catalog.Seller),
            i => i.GetProperty("items").EnumerateArray().Any(n => n.GetProperty("kind").GetString() == "seller-low-stock"), "the low-stock alert in the app");
        Assert.Contains(quietSku, quietInbox.GetProperty("items").EnumerateArray().First(n => n.GetProperty("kind").GetString() == "seller-low-stock").GetProperty("title").GetString());
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await Eventually.TrueAsync(async () => await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM platform.outbox_messages WHERE processed_at IS NULL AND dead_lettered_at IS NULL") == 0, "the outbox to drain");
        Assert.DoesNotContain(app.Mail(), m => m.Subject.Contains(quietSku));
    }

    [Fact]
    public async Task Security_and_order_messages_cannot_be_turned_off_and_unknown_kinds_are_refused()
    {
        var (customer, _) = await app.SignedInClientAsync("prefs");
        var listed = await customer.GetFromJsonAsync<JsonElement>("/api/v1/notifications/preferences");
        Assert.Contains(listed.EnumerateArray(), p => p.GetProperty("kind").GetString() == "order-shipped" && p.GetProperty("essential").GetBoolean());
        Assert.DoesNotContain(listed.EnumerateArray(), p => p.GetProperty("kind").GetString() == "seller-low-stock");

        var essential = await customer.PutAsJsonAsync("/api/v1/notifications/preferences",
            new { preferences = new[] { new { kind = "password-reset", email = false, inApp = false } } });
        Assert.Equal(HttpStatusCode.BadRequest, essential.StatusCode);
        Assert.Contains("always sent", (await essential.JsonAsync()).GetProperty("errors").GetProperty("Preferences[0].Kind")[0].GetString());

        // A customer has no seller kinds to choose about.
        var notTheirs = await customer.PutAsJsonAsync("/api/v1/notifications/preferences",
            new { preferences = new[] { new { kind = "seller-low-stock", email = false, inApp = false } } });
        Assert.Equal(HttpStatusCode.BadRequest, notTheirs.StatusCode);
        Assert.True((await notTheirs.JsonAsync()).GetProperty("errors").TryGetProperty("Preferences[0].Kind", out _));
    }
}

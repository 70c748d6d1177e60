using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Shop.Testing;
using Shop.Web.Modules.Notifications.Contracts;
using Shop.Web.Modules.Ordering.Contracts;
using Shop.Web.Platform.Email;
using Shop.Web.Platform.Outbox;

namespace Shop.Tests.Notifications;

/// <summary>Notifications delivered for real: rendered from the template files, sent over SMTP to a real server, once each.</summary>
public sealed class NotificationDeliveryTests(SmtpTestServer smtp) : IClassFixture<SmtpTestServer>
{
    private const string PublicUrl = "https://shop.example.test";

    private static async Task<T> ScalarAsync<T>(ShopAppFactory app, string sql, object? parameters = null)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        return (await connection.ExecuteScalarAsync<T>(sql, parameters))!;
    }

    private static async Task<(CatalogClient Catalog, Guid VariantId)> ProductAsync(ShopAppFactory app, decimal price, int stock = 10)
    {
        var catalog = await CatalogClient.CreateAsync(app);
        var category = await catalog.CategoryAsync("Notified");
        var product = await catalog.ProductAsync(CatalogClient.Unique("Cotton Kurta"), category.GetProperty("id").GetString()!,
            [CatalogClient.Variant("NOT-" + Guid.NewGuid().ToString("N")[..8], price, stock: stock)]);
        return (catalog, Guid.Parse(product.GetProperty("variants")[0].GetProperty("id").GetString()!));
    }

    private static Task OutboxDrainedAsync(ShopAppFactory app) => Eventually.TrueAsync(
        async () => await ScalarAsync<long>(app, "SELECT count(*) FROM platform.outbox_messages WHERE processed_at IS NULL AND dead_lettered_at IS NULL") == 0,
        "every outbox message to be handled");

    [Fact]
    public async Task An_order_mails_the_buyer_and_the_seller_over_smtp_once_even_when_its_event_arrives_twice()
    {
        await using var app = await new ShopAppFactory().WithSmtp(smtp).WithSettings(("Store:PublicUrl", PublicUrl)).StartAsync();
        await app.EnsureShippingAsync();
        var (catalog, variantId) = await ProductAsync(app, 1299.50m);
        var (customer, email) = await app.SignedInClientAsync("buyer");
        await customer.AddToCartAsync(variantId, 2);
        var order = await CatalogClient.Expect(await customer.CheckoutAsync(email: null), HttpStatusCode.Created);
        var (orderId, number) = (order.GetProperty("id").GetString(), order.GetProperty("number").GetString());

        var buyerMail = await app.WaitForMailAsync(email, $"Your Bazaar order {number}");
        Assert.Contains("Hello Asha Rao,", buyerMail.Text);
        Assert.Contains("₹2,599.00", buyerMail.Text);
        Assert.Contains($"{PublicUrl}/orders/{orderId}", buyerMail.Text);
        Assert.NotNull(buyerMail.Html);
        Assert.Contains($"href=\"{PublicUrl}/orders/{orderId}\"", buyerMail.Html);
        Assert.Contains("₹2,599.00", buyerMail.Html);
        Assert.Contains(">Bazaar</a>", buyerMail.Html);
        Assert.Contains($"{PublicUrl}/account/notifications", buyerMail.Text);
        var sellerMail = await app.WaitForMailAsync("@", $"New order to fulfil: {number}");
        Assert.Contains($"{PublicUrl}/seller/orders/", sellerMail.Text);

        // The same fact published again (a retried request, a replayed event) tells nobody twice.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Shop.Web.Platform.Database.ShopDbContext>();
            scope.ServiceProvider.GetRequiredService<IOutbox>().Add(new OrderPlaced(Guid.Parse(orderId!), []));
            await db.SaveChangesAsync();
        }
        await OutboxDrainedAsync(app);
        Assert.Single(app.Mail(), m => m.Subject == $"Your Bazaar order {number}");
        Assert.Single(app.Mail(), m => m.Subject == $"New order to fulfil: {number}");

        var inbox = await customer.GetFromJsonAsync<JsonElement>("/api/v1/notifications");
        Assert.Equal(1, inbox.GetProperty("unreadCount").GetInt32());
        var entry = Assert.Single(inbox.GetProperty("items").EnumerateArray());
        Assert.Equal($"Your Bazaar order {number}", entry.GetProperty("title").GetString());
        Assert.Equal($"/orders/{orderId}", entry.GetProperty("link").GetString());
        var sellerInbox = await catalog.Seller.GetFromJsonAsync<JsonElement>("/api/v1/notifications");
        Assert.Contains(sellerInbox.GetProperty("items").EnumerateArray(), n => n.GetProperty("title").GetString() == $"New order to fulfil: {number}");
    }

    [Fact]
    public async Task Every_step_of_an_order_reaches_the_buyer_once_with_its_details()
    {
        await using var app = await new ShopAppFactory().WithSmtp(smtp).WithSettings(("Store:PublicUrl", PublicUrl)).StartAsync();
        await app.EnsureShippingAsync();
        var (catalog, variantId) = await ProductAsync(app, 800m);
        var (customer, email) = await app.SignedInClientAsync("steps");
        var (admin, _) = await app.SignedInClientAsync("admin", "admin");
        await customer.AddToCartAsync(variantId);
        var order = await CatalogClient.Expect(await customer.CheckoutAsync(email: null), HttpStatusCode.Created);
        var (orderId, number) = (order.GetProperty("id").GetString()!, order.GetProperty("number").GetString()!);
        var fulfillmentId = (await catalog.Seller.GetFromJsonAsync<JsonElement>("/api/v1/seller/fulfillments")).GetProperty("items").EnumerateArray()
            .Single(f => f.GetProperty("orderNumber").GetString() == number).GetProperty("id").GetString();

        async Task Step(object body) => await CatalogClient.Expect(await catalog.Seller.PostAsJsonAsync($"/api/v1/seller/fulfillments/{fulfillmentId}/status", body), HttpStatusCode.OK);
        await Step(new { status = "processing" });
        await Step(new { status = "shipped", carrier = "Blue Dart", trackingNumber = "BD77 1" });
        var shipped = await app.WaitForMailAsync(email, $"Your order {number} is shipped");
        Assert.Contains("Tracking number: BD77 1", shipped.Text);
        Assert.Contains("https://www.bluedart.com/web/guest/trackdartresult?trackFor=0&trackNo=BD77%201", shipped.Text);
        await Step(new { status = "delivered" });
        Assert.Contains("Your whole order has arrived.", (await app.WaitForMailAsync(email, $"Delivered: your order {number}")).Text);
        // Cash on delivery: the money came with the parcel.
        Assert.Contains("₹800.00", (await app.WaitForMailAsync(email, $"Payment received for your order {number}")).Text);

        await CatalogClient.Expect(await customer.PostAsJsonAsync($"/api/v1/orders/{orderId}/return", new { reason = "Too small" }), HttpStatusCode.OK);
        await CatalogClient.Expect(await admin.PostAsJsonAsync($"/api/v1/admin/orders/{orderId}/actions", new { action = "acceptReturn" }), HttpStatusCode.OK);
        await app.WaitForMailAsync(email, $"Your return for order {number} is accepted");
        await CatalogClient.Expect(await admin.PostAsJsonAsync($"/api/v1/admin/orders/{orderId}/actions", new { action = "markRefunded" }), HttpStatusCode.OK);
        Assert.Contains("full refund of ₹800.00", (await app.WaitForMailAsync(email, $"Refund of ₹800.00 issued for order {number}")).Text);

        await customer.AddToCartAsync(variantId);
        var second = await CatalogClient.Expect(await customer.CheckoutAsync(email: null), HttpStatusCode.Created);
        await CatalogClient.Expect(await customer.PostAsJsonAsync($"/api/v1/orders/{second.GetProperty("id").GetString()}/cancel", new { reason = "Ordered twice" }), HttpStatusCode.OK);
        Assert.Contains("Ordered twice", (await app.WaitForMailAsync(email, $"Your order {second.GetProperty("number").GetString()} is cancelled")).Text);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<IOutbox>().Add(new Shop.Web.Modules.Payments.Contracts.PaymentFailed(Guid.Parse(orderId), Guid.NewGuid(), "The card was declined."));
            await scope.ServiceProvider.GetRequiredService<Shop.Web.Platform.Database.ShopDbContext>().SaveChangesAsync();
        }
        Assert.Contains("did not go through: The card was declined.", (await app.WaitForMailAsync(email, $"Payment for your order {number} did not go through")).Text);

        await OutboxDrainedAsync(app);
        var subjects = app.Mail().Where(m => m.To.Contains(email)).Select(m => m.Subject).ToList();
        Assert.Equal(subjects.Distinct().Count(), subjects.Count);
        var inbox = await customer.GetFromJsonAsync<JsonElement>("/api/v1/notifications?pageSize=50");
        Assert.Equal(subjects.Count(s => !s.StartsWith("Confirm your email")), inbox.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Order_emails_sum_the_order_as_its_page_does_subtotal_shipping_tax_and_total()
    {
        await using var app = await new ShopAppFactory().WithSmtp(smtp).StartAsync();
        await app.EnsureShippingAsync();
        var (_, variantId) = await ProductAsync(app, 300m);
        var (customer, email) = await app.SignedInClientAsync("totals");
        var (admin, _) = await app.SignedInClientAsync("admin", "admin");
        await customer.AddToCartAsync(variantId);
        var placed = await CatalogClient.Expect(await customer.CheckoutAsync(email: null), HttpStatusCode.Created);
        var (orderId, number) = (placed.GetProperty("id").GetString(), placed.GetProperty("number").GetString());
        var order = await customer.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{orderId}");
        var money = app.Services.GetRequiredService<Shop.Web.Platform.Storefront.Money>();
        string Show(string field) => money.Show(order.GetProperty(field).GetDecimal());
        Assert.True(order.GetProperty("shipping").GetDecimal() > 0, "an order under the free-shipping limit pays for shipping");
        string[] breakdown = [$"Subtotal: {Show("subtotal")}", $"Shipping: {Show("shipping")}", $"Tax (included in prices): {Show("tax")}", $"Total: {Show("total")}"];

        var confirmation = await app.WaitForMailAsync(email, $"Your Bazaar order {number}");
        Assert.All(breakdown, line => Assert.Contains(line, confirmation.Text));
        Assert.Contains($"Tax (included in prices)</td><td align=\"right\">{Show("tax")}</td>", confirmation.Html);
        Assert.Contains($"<strong>{Show("total")}</strong>", confirmation.Html);
        await CatalogClient.Expect(await admin.PostAsJsonAsync($"/api/v1/admin/orders/{orderId}/actions", new { action = "markPaid" }), HttpStatusCode.OK);
        var receipt = await app.WaitForMailAsync(email, $"Payment received for your order {number}");
        Assert.All(breakdown, line => Assert.Contains(line, receipt.Text));
        Assert.Contains($"Tax (included in prices)</td><td align=\"right\">{Show("tax")}</td>", receipt.Html);
    }

    [Fact]
    public async Task A_mail_server_that_stays_down_dead_letters_the_email_and_an_admin_retry_delivers_it()
    {
        var port = SmtpTestServer.FreePort();
        var server = await SmtpTestServer.StartAsync(port);
        await using var app = await new ShopAppFactory().WithSmtp(server).WithSettings(("Outbox:MaxAttempts", "3")).StartAsync();
        var (admin, adminEmail) = await app.SignedInClientAsync("admin", "admin");
        await server.DisposeAsync();

        await app.CreateClient().PostAsJsonAsync("/api/v1/auth/forgot-password", new { email = adminEmail });
        var failed = await Eventually.GetAsync(
            async () => (await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/notifications/failed")).EnumerateArray()
                .FirstOrDefault(f => f.GetProperty("recipient").GetString() == adminEmail),
            f => f.ValueKind == JsonValueKind.Object, "the reset email to be dead-lettered");
        Assert.Equal("Email", failed.GetProperty("what").GetString());
        Assert.StartsWith("Reset your Bazaar password", failed.GetProperty("subject").GetString());
        Assert.Equal(3, failed.GetProperty("attempts").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(failed.GetProperty("reason").GetString()));
        Assert.DoesNotContain(app.Mail(), m => m.Subject.StartsWith("Reset your"));

        await using var restarted = await SmtpTestServer.StartAsync(port);
        app.WithSmtp(restarted);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/v1/admin/notifications/failed/{failed.GetProperty("id").GetString()}/retry", null)).StatusCode);
        var mail = await app.WaitForMailAsync(adminEmail, "Reset your Bazaar password");
        Assert.Contains("/account/reset-password?userId=", mail.Text);
        Assert.Empty((await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/notifications/failed")).EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync($"/api/v1/admin/notifications/failed/{failed.GetProperty("id").GetString()}/retry", null)).StatusCode);
        // The one-time code does not stay in the database once the message has left.
        Assert.DoesNotContain("reset-password", await ScalarAsync<string>(app, "SELECT text_body FROM notifications.emails WHERE kind = 'password-reset'"));
    }

    [Fact]
    public async Task A_dispatcher_that_dies_mid_batch_leaves_the_rest_to_another_and_nobody_gets_a_message_twice()
    {
        var crash = new CrashSwitch();
        await using var app = await new ShopAppFactory
        {
            ConfigureTestServices = services => services.AddSingleton<IEmailSender>(provider =>
                new CrashingSender(Microsoft.Extensions.DependencyInjection.ActivatorUtilities.CreateInstance<SmtpEmailSender>(provider), crash)),
        }.WithSmtp(smtp).WithSettings(("Outbox:DispatcherEnabled", "false"), ("Outbox:LeaseDuration", "00:00:01")).StartAsync();
        var recipients = Enumerable.Range(1, 3).Select(i => ApiClient.NewEmail($"batch{i}")).ToList();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var notifier = scope.ServiceProvider.GetRequiredService<INotifier>();
            foreach (var to in recipients)
                await notifier.NotifyAsync(new Notice(NotificationKind.AccountExists, new Recipient(null, to, "Asha"),
                    new AccountExistsModel("/account/sign-in", "/account/forgot-password"), Key: "batch"), CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<Shop.Web.Platform.Database.ShopDbContext>().SaveChangesAsync();
        }
        var dispatcher = app.Services.GetRequiredService<OutboxDispatcher>();
        var settings = app.Services.GetRequiredService<IOptions<OutboxOptions>>().Value;

        using (var dying = new CancellationTokenSource())
        {
            crash.Arm(afterSends: 1, dying);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => dispatcher.DispatchBatchAsync(settings, dying.Token));
        }
        Assert.Single(await smtp.WaitForMessagesAsync(1), m => m.Contains(recipients[0]));

        crash.Disarm();
        await Eventually.TrueAsync(async () =>
        {
            await dispatcher.DispatchBatchAsync(settings, CancellationToken.None);
            return await ScalarAsync<long>(app, "SELECT count(*) FROM notifications.emails WHERE sent_at IS NULL") == 0;
        }, "the other dispatcher to send what was left once the lease ran out");
        foreach (var to in recipients)
            Assert.Single(smtp.Mail(), m => m.To.Contains(to));
    }

    private sealed class CrashSwitch
    {
        private int sendsLeft = int.MaxValue;
        private CancellationTokenSource? dying;

        public void Arm(int afterSends, CancellationTokenSource process) => (sendsLeft, dying) = (afterSends, process);

        public void Disarm() => (sendsLeft, dying) = (int.MaxValue, null);

        /// <summary>The process "dies" before this send: its token is cancelled and the call never returns normally.</summary>
        public void BeforeSend()
        {
            if (sendsLeft-- > 0 || dying is null)
                return;
            dying.Cancel();
            dying.Token.ThrowIfCancellationRequested();
        }
    }

    private sealed class CrashingSender(IEmailSender inner, CrashSwitch crash) : IEmailSender
    {
        public Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
        {
            crash.BeforeSend();
            return inner.SendAsync(message, cancellationToken);
        }
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shop.Testing;
using Shop.Web.Modules.Support.Data;
using Shop.Web.Platform.Database;

namespace Shop.Tests.Support;

/// <summary>
/// The customer's side of support over HTTP: asking as a customer (about one of their orders) or as a
/// guest, the confirmation on a real SMTP server with the way back, the guest's signed link, replies that
/// reopen, unread counts, and what stays hidden (other people's conversations, support's notes).
/// </summary>
public sealed class SupportConversationTests(SmtpTestServer smtp) : IClassFixture<SmtpTestServer>, IAsyncLifetime
{
    private const string PublicUrl = "https://shop.example.test";
    private const string Conversations = "/api/v1/support/conversations";
    private ShopAppFactory app = null!;

    public async Task InitializeAsync()
    {
        app = await new ShopAppFactory().WithSmtp(smtp).WithSettings(("Store:PublicUrl", PublicUrl)).StartAsync();
        await app.EnsureShippingAsync();
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task A_customer_asks_about_their_order_and_the_email_leads_back_to_the_conversation()
    {
        var (customer, email) = await app.SignedInClientAsync("asker");
        var (orderId, number) = await OrderAsync(customer);

        var started = await CatalogClient.Expect(await customer.PostAsJsonAsync(Conversations,
            new { topic = "returns", message = "The kurta is too small.\nCan I exchange it?", orderId }), HttpStatusCode.Created);

        var id = started.GetProperty("id").GetString();
        Assert.Equal("contactForm", started.GetProperty("channel").GetString());
        Assert.Equal("open", started.GetProperty("status").GetString());
        Assert.Equal(number, started.GetProperty("orderNumber").GetString());
        Assert.False(started.TryGetProperty("accessToken", out var token) && token.ValueKind != JsonValueKind.Null);
        var mail = await app.WaitForMailAsync(email, "We received your question: Returns and refunds");
        Assert.Contains($"about order {number}", mail.Text);
        Assert.Contains("Can I exchange it?", mail.Text);
        Assert.Contains($"{PublicUrl}/account/support/{id}", mail.Text);
        Assert.Contains($"href=\"{PublicUrl}/account/support/{id}\"", mail.Html);

        var mine = await customer.GetFromJsonAsync<JsonElement>(Conversations);
        var listed = Assert.Single(mine.GetProperty("items").EnumerateArray());
        Assert.Equal(id, listed.GetProperty("id").GetString());
        Assert.Equal(0, listed.GetProperty("unread").GetInt32());
    }

    [Fact]
    public async Task An_order_that_is_not_the_customers_or_a_guest_without_name_and_email_is_refused_with_field_errors()
    {
        var (buyer, _) = await app.SignedInClientAsync("buyer");
        var (orderId, _) = await OrderAsync(buyer);
        var (other, _) = await app.SignedInClientAsync("other");

        var foreign = await other.PostAsJsonAsync(Conversations, new { topic = "order", message = "Where is this order?", orderId });
        var guest = await app.CreateClient().PostAsJsonAsync(Conversations, new { topic = "other", message = "Who are you, please?" });
        var noTopic = await other.PostAsJsonAsync(Conversations, new { message = "Where is this order?" });
        var badEmail = await app.CreateClient().PostAsJsonAsync(Conversations, new { topic = "other", message = "Who are you, please?", name = "Meera", email = "meera" });

        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        Assert.Contains("your own orders", await foreign.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, guest.StatusCode);
        var errors = (await guest.JsonAsync()).GetProperty("errors");
        Assert.Equal(2, errors.EnumerateObject().Count());
        Assert.Equal(HttpStatusCode.BadRequest, noTopic.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badEmail.StatusCode);
        Assert.Contains("name@example.com", await badEmail.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_guest_follows_the_signed_link_from_the_email_and_replies_there_while_nobody_else_gets_in()
    {
        var guestEmail = ApiClient.NewEmail("guest");
        var guest = app.CreateClient();
        var started = await CatalogClient.Expect(await guest.PostAsJsonAsync(Conversations,
            new { topic = "payment", message = "Was my card charged twice?", name = "Meera Iyer", email = guestEmail }), HttpStatusCode.Created);
        var id = started.GetProperty("id").GetString();
        Assert.False(string.IsNullOrEmpty(started.GetProperty("accessToken").GetString()));

        var mail = await app.WaitForMailAsync(guestEmail, "We received your question: Payment");
        Assert.Contains("Hello Meera Iyer,", mail.Text);
        var link = mail.LinkTo($"/account/support/{id}");
        var access = ApiClient.Query(link)["access"];
        var follower = app.CreateClient();
        var conversation = await follower.GetFromJsonAsync<JsonElement>($"{Conversations}/{id}?access={Uri.EscapeDataString(access)}");
        Assert.Equal("Was my card charged twice?", Assert.Single(conversation.GetProperty("messages").EnumerateArray()).GetProperty("body").GetString());
        Assert.Equal(HttpStatusCode.OK, (await follower.GetAsync(link)).StatusCode);

        var replied = await follower.PostAsJsonAsync($"{Conversations}/{id}/messages?access={Uri.EscapeDataString(access)}", new { body = "Order SH-1, ₹1,299." });
        Assert.Equal(HttpStatusCode.Created, replied.StatusCode);

        var (stranger, _) = await app.SignedInClientAsync("stranger");
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync($"{Conversations}/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"{Conversations}/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"{Conversations}/{id}?access={Uri.EscapeDataString(started.GetProperty("id").GetString()!)}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync($"/account/support/{id}")).StatusCode);
    }

    [Fact]
    public async Task A_customer_cannot_read_reply_to_or_mark_another_customers_conversation()
    {
        var (owner, _) = await app.SignedInClientAsync("owner");
        var (other, _) = await app.SignedInClientAsync("other");
        var id = await StartAsync(owner);

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"{Conversations}/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"{Conversations}/{id}/messages", new { body = "Mine now" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"{Conversations}/{id}/read", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/account/support/{id}")).StatusCode);
        Assert.Empty((await other.GetFromJsonAsync<JsonElement>(Conversations)).GetProperty("items").EnumerateArray());
        Assert.Equal(1, (await owner.GetFromJsonAsync<JsonElement>($"{Conversations}/{id}")).GetProperty("messages").GetArrayLength());
    }

    [Fact]
    public async Task Notes_never_reach_the_customer_replies_count_as_unread_until_read_and_the_customers_reply_reopens()
    {
        var (customer, _) = await app.SignedInClientAsync("customer");
        var id = await StartAsync(customer);
        await ByAgentAsync(id, AuthorKind.Note, "Customer sounds upset; offer free shipping");
        await ByAgentAsync(id, AuthorKind.Agent, "It ships tomorrow.");

        var listed = Assert.Single((await customer.GetFromJsonAsync<JsonElement>(Conversations)).GetProperty("items").EnumerateArray());
        Assert.Equal(1, listed.GetProperty("unread").GetInt32());
        Assert.Equal("pending", listed.GetProperty("status").GetString());
        var raw = await customer.GetStringAsync($"{Conversations}/{id}");
        Assert.DoesNotContain("free shipping", raw);
        Assert.DoesNotContain("note", raw, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("It ships tomorrow.", raw);
        Assert.DoesNotContain("free shipping", await customer.GetStringAsync(Conversations));
        Assert.DoesNotContain("free shipping", await customer.GetStringAsync($"/account/support/{id}"));

        Assert.Equal(HttpStatusCode.NoContent, (await customer.PostAsync($"{Conversations}/{id}/read", null)).StatusCode);
        Assert.Equal(0, (await customer.GetFromJsonAsync<JsonElement>(Conversations)).GetProperty("items")[0].GetProperty("unread").GetInt32());

        await ResolveAsync(id);
        Assert.Equal("resolved", (await customer.GetFromJsonAsync<JsonElement>($"{Conversations}/{id}")).GetProperty("status").GetString());
        await CatalogClient.Expect(await customer.PostAsJsonAsync($"{Conversations}/{id}/messages", new { body = "It did not arrive." }), HttpStatusCode.Created);
        var reopened = await customer.GetFromJsonAsync<JsonElement>($"{Conversations}/{id}");
        Assert.Equal("open", reopened.GetProperty("status").GetString());
        Assert.Equal("It did not arrive.", reopened.GetProperty("messages").EnumerateArray().Last().GetProperty("body").GetString());

        var blank = await customer.PostAsJsonAsync($"{Conversations}/{id}/messages", new { body = "   " });
        Assert.Equal(HttpStatusCode.BadRequest, blank.StatusCode);
    }

    private static async Task<string> StartAsync(HttpClient customer) =>
        (await CatalogClient.Expect(await customer.PostAsJsonAsync(Conversations, new { topic = "order", message = "Where is my parcel, please?" }), HttpStatusCode.Created))
            .GetProperty("id").GetString()!;

    private async Task<(string Id, string Number)> OrderAsync(HttpClient customer)
    {
        var catalog = await CatalogClient.CreateAsync(app);
        var category = await catalog.CategoryAsync("Support");
        var product = await catalog.ProductAsync(CatalogClient.Unique("Cotton Kurta"), category.GetProperty("id").GetString()!,
            [CatalogClient.Variant("SUP-" + Guid.NewGuid().ToString("N")[..8], 799m, stock: 5)]);
        await customer.AddToCartAsync(Guid.Parse(product.GetProperty("variants")[0].GetProperty("id").GetString()!));
        var order = await CatalogClient.Expect(await customer.CheckoutAsync(email: null), HttpStatusCode.Created);
        return (order.GetProperty("id").GetString()!, order.GetProperty("number").GetString()!);
    }

    // Support's own side (console, notes) comes through the entity until it has endpoints of its own.
    private async Task ByAgentAsync(string conversationId, AuthorKind author, string body) =>
        await ChangeAsync(conversationId, c => c.Post(author, Guid.NewGuid(), body, DateTimeOffset.UtcNow));

    private Task ResolveAsync(string conversationId) => ChangeAsync(conversationId, c => c.Resolve(Guid.NewGuid(), DateTimeOffset.UtcNow));

    private async Task ChangeAsync(string conversationId, Func<Conversation, SupportMessage> change)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        var conversation = await db.Set<Conversation>().SingleAsync(c => c.Id == Guid.Parse(conversationId));
        db.Add(change(conversation));
        await db.SaveChangesAsync();
    }
}

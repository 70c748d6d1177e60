using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shop.Testing;
using Shop.Web.Modules.Support.Data;
using Shop.Web.Modules.Support.ReplyEmails;
using Shop.Web.Modules.Support.Console.Desk;
using Shop.Web.Platform.Database;

namespace Shop.Tests.Support;

/// <summary>
/// Replies by email on a real SMTP server: replies within the window make one email with the signed way
/// back, a reply already read makes none, notes never go out; transcripts; and support's webhook events.
/// </summary>
public sealed class SupportReplyEmailTests(SmtpTestServer smtp) : IClassFixture<SmtpTestServer>, IAsyncLifetime
{
    private const string Conversations = "/api/v1/support/conversations";
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(2);
    private ShopAppFactory app = null!;

    public async Task InitializeAsync() =>
        app = await new ShopAppFactory().WithSmtp(smtp).WithSettings([.. SupportTestSettings.Always, ("Support:ReplyEmailDelay", Window.ToString())]).StartAsync();

    public async Task DisposeAsync() => await app.DisposeAsync();

    private ReplyEmailJob Job => app.Services.GetRequiredService<ReplyEmailJob>();

    [Fact]
    public async Task Two_quick_replies_make_one_email_with_both_and_the_guest_follows_its_link_and_answers()
    {
        var email = ApiClient.NewEmail("guest");
        var started = await CatalogClient.Expect(await app.CreateClient().PostAsJsonAsync(Conversations,
            new { topic = "order", message = "Where is my parcel?", name = "Meera Iyer", email }), HttpStatusCode.Created);
        var id = Guid.Parse(started.GetProperty("id").GetString()!);

        await SupportTestSettings.PostAsync(app, id, AuthorKind.Agent, "It left our warehouse yesterday.");
        await SupportTestSettings.PostAsync(app, id, AuthorKind.Note, "Courier is slow in this area");
        // Within the window nothing goes out: more replies may follow.
        Assert.Equal(0, await Job.SendDueAsync());
        var last = await SupportTestSettings.PostAsync(app, id, AuthorKind.Agent, "Tracking: DL123456789IN.");
        await QuietAsync(id);
        // Three instances at once: one of them sends it.
        var sent = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => Job.SendDueAsync())));
        Assert.Equal(1, sent.Sum());
        Assert.Equal(0, await Job.SendDueAsync());

        var mail = await app.WaitForMailAsync(email, "Support replied: An order");
        Assert.Contains("It left our warehouse yesterday.", mail.Text);
        Assert.Contains("Tracking: DL123456789IN.", mail.Text);
        Assert.DoesNotContain("Courier is slow", mail.Text);
        Assert.DoesNotContain("Courier is slow", mail.Html);
        Assert.Equal(1, SupportTestSettings.MailCount(app, email, "Support replied"));

        var link = mail.LinkTo($"/account/support/{id}");
        var access = ApiClient.Query(link)["access"];
        var follower = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await follower.GetAsync(link)).StatusCode);
        await CatalogClient.Expect(await follower.PostAsJsonAsync($"{Conversations}/{id}/messages?access={Uri.EscapeDataString(access)}",
            new { body = "Thank you, found it." }), HttpStatusCode.Created);
        var conversation = await follower.GetFromJsonAsync<JsonElement>($"{Conversations}/{id}?access={Uri.EscapeDataString(access)}");
        Assert.Equal("open", conversation.GetProperty("status").GetString());
        Assert.True(conversation.GetProperty("customerReadUpTo").GetInt64() >= last);

        // A later reply is a new email; the earlier ones are not repeated.
        await SupportTestSettings.PostAsync(app, id, AuthorKind.Agent, "Glad it arrived!");
        await QuietAsync(id);
        Assert.Equal(1, await Job.SendDueAsync());
        var second = await Eventually.GetAsync(() => Task.FromResult(app.Mail().Where(m => m.To.Contains(email, StringComparison.OrdinalIgnoreCase)
            && m.Subject.StartsWith("Support replied", StringComparison.Ordinal)).ToList()), m => m.Count == 2, "the second reply email");
        Assert.Contains("Glad it arrived!", second[1].Text);
        Assert.DoesNotContain("Tracking:", second[1].Text);
    }

    [Fact]
    public async Task A_reply_the_customer_already_read_is_not_emailed()
    {
        var (customer, email) = await app.SignedInClientAsync("reader");
        var id = Guid.Parse((await CatalogClient.Expect(await customer.PostAsJsonAsync(Conversations, new { topic = "payment", message = "Charged twice?" }),
            HttpStatusCode.Created)).GetProperty("id").GetString()!);
        await SupportTestSettings.PostAsync(app, id, AuthorKind.Agent, "Only once; the other is a hold.");
        Assert.Equal(HttpStatusCode.OK, (await customer.GetAsync($"/account/support/{id}")).StatusCode);
        await QuietAsync(id);
        Assert.Equal(0, await Job.SendDueAsync());

        // The transcript is the last email the customer gets here, so no reply email is on its way either.
        Assert.Equal(HttpStatusCode.Accepted, (await customer.PostAsync($"{Conversations}/{id}/transcript", null)).StatusCode);
        await app.WaitForMailAsync(email, "Transcript: Payment");
        Assert.Equal(0, SupportTestSettings.MailCount(app, email, "Support replied"));
    }

    [Fact]
    public async Task The_transcript_holds_every_message_the_customer_may_see_and_no_notes()
    {
        var (customer, email) = await app.SignedInClientAsync("transcribed");
        var id = Guid.Parse((await CatalogClient.Expect(await customer.PostAsJsonAsync(Conversations, new { topic = "returns", message = "Can I return a gift?" }),
            HttpStatusCode.Created)).GetProperty("id").GetString()!);
        await SupportTestSettings.PostAsync(app, id, AuthorKind.Agent, "Yes, within 30 days.");
        await SupportTestSettings.PostAsync(app, id, AuthorKind.Note, "VIP customer, waive the fee");
        var (stranger, _) = await app.SignedInClientAsync("stranger");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsync($"{Conversations}/{id}/transcript", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().PostAsync($"{Conversations}/{id}/transcript", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Accepted, (await customer.PostAsync($"{Conversations}/{id}/transcript", null)).StatusCode);
        var mail = await app.WaitForMailAsync(email, "Transcript: Returns and refunds");
        Assert.Contains("Can I return a gift?", mail.Text);
        Assert.Contains("Yes, within 30 days.", mail.Text);
        Assert.DoesNotContain("VIP", mail.Text);
        Assert.DoesNotContain("VIP", mail.Html);
    }

    [Fact]
    public async Task Admin_webhooks_hear_of_conversations_messages_and_resolutions_but_never_of_notes()
    {
        var (admin, _) = await app.SignedInClientAsync("hooks-admin", "admin");
        var hook = await CatalogClient.Expect(await admin.PostAsJsonAsync("/api/v1/webhooks", new
        {
            url = "https://hooks.example.com/support",
            events = new[] { "support.conversation.created", "support.message.created", "support.conversation.resolved" },
        }), HttpStatusCode.Created);
        var endpoint = Guid.Parse(hook.GetProperty("id").GetString()!);

        var (customer, _) = await app.SignedInClientAsync("hooked");
        var id = Guid.Parse((await CatalogClient.Expect(await customer.PostAsJsonAsync(Conversations, new { topic = "account", message = "Change my email?" }),
            HttpStatusCode.Created)).GetProperty("id").GetString()!);
        await CatalogClient.Expect(await customer.PostAsJsonAsync($"{Conversations}/{id}/messages", new { body = "It is urgent." }), HttpStatusCode.Created);
        await SupportTestSettings.PostAsync(app, id, AuthorKind.Note, "Secret internal remark");
        await using (var scope = app.Services.CreateAsyncScope())
            Assert.True(await scope.ServiceProvider.GetRequiredService<AgentDesk>().ResolveAsync(id, Guid.NewGuid()) is not null);

        var deliveries = await Eventually.GetAsync(() => DeliveriesAsync(endpoint), d => d.Any(x => x.Type == "support.conversation.resolved")
            && d.Any(x => x.Type == "support.message.created") && d.Any(x => x.Type == "support.conversation.created"), "support webhook deliveries");
        Assert.Single(deliveries, d => d.Type == "support.conversation.created");
        var message = Assert.Single(deliveries, d => d.Type == "support.message.created");
        Assert.Contains("It is urgent.", message.Body);
        Assert.DoesNotContain(deliveries, d => d.Body.Contains("Secret internal remark"));
        Assert.Contains("\"status\":\"resolved\"", deliveries.Single(d => d.Type == "support.conversation.resolved").Body);
        Assert.Equal("resolved", (await customer.GetFromJsonAsync<JsonElement>($"{Conversations}/{id}")).GetProperty("status").GetString());
    }

    private async Task<List<(string Type, string Body)>> DeliveriesAsync(Guid endpoint)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        return (await db.Database.SqlQuery<DeliveryRow>($"SELECT event_type AS \"Type\", body AS \"Body\" FROM webhooks.deliveries WHERE endpoint_id = {endpoint}")
            .ToListAsync()).Select(r => (r.Type, r.Body)).ToList();
    }

    private sealed record DeliveryRow(string Type, string Body);

    /// <summary>Waits until the conversation's newest reply is older than the window, as the job sees it.</summary>
    private async Task QuietAsync(Guid conversationId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        var newest = await db.Set<SupportMessage>().Where(m => m.ConversationId == conversationId).MaxAsync(m => m.CreatedAt);
        await Eventually.TrueAsync(() => Task.FromResult(DateTimeOffset.UtcNow - newest > Window + TimeSpan.FromMilliseconds(200)), "the reply window to pass");
    }
}

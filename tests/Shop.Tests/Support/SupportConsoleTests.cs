using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Shop.Testing;
using Shop.Web.Modules.Support.Console.Alerts;
using Shop.Web.Modules.Support.Console.Snooze;
using Shop.Web.Modules.Support.Conversations;

namespace Shop.Tests.Support;

/// <summary>
/// The agents' console over HTTP against the real database: every action and its rule, notes that never
/// reach the customer, the queue's filters and search, canned replies, snoozing and waking, ratings and the
/// agents' figures, and agents told of new requests in the app and on a real SMTP server.
/// </summary>
public sealed class SupportConsoleTests(SmtpTestServer smtp) : IClassFixture<SmtpTestServer>, IAsyncLifetime
{
    internal const string Conversations = "/api/v1/support/conversations";
    internal const string Console = "/api/v1/support/console";
    private readonly AdjustableClock clock = new();
    private readonly AvailabilitySwitch availability = new();
    private ShopAppFactory app = null!;

    /// <summary>Stands in for agents' presence: whether anyone counts as online.</summary>
    private sealed class AvailabilitySwitch : IAgentAvailability
    {
        public bool Online { get; set; }

        public Task<bool> AnyoneOnlineAsync(CancellationToken cancellationToken = default) => Task.FromResult(Online);
    }

    public async Task InitializeAsync()
    {
        app = await new ShopAppFactory
        {
            ConfigureTestServices = services =>
            {
                services.AddSingleton<TimeProvider>(clock);
                services.AddSingleton<IAgentAvailability>(availability);
            },
        }.WithSmtp(smtp).StartAsync();
        await app.EnsureShippingAsync();
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Agents_see_every_message_with_notes_and_the_customers_orders_and_cart_while_notes_never_reach_the_customer()
    {
        var customer = await UserAsync("buyer", "Kavya Menon");
        var agent = await UserAsync("agent", "Neha Kapoor", "support");
        var (orderNumber, productTitle) = await OrderAndCartAsync(customer.Client);
        var id = await StartAsync(customer.Client, "Where is my parcel? It has been a week.");

        await Expect(agent.Client.PostAsJsonAsync($"{Console}/conversations/{id}/notes", new { body = "Courier lost it; offer a refund quietly" }), HttpStatusCode.Created);
        var reply = await Expect(agent.Client.PostAsJsonAsync($"{Console}/conversations/{id}/replies", new { body = "Sorry! We are on it." }), HttpStatusCode.Created);
        Assert.Equal("agent", reply.GetProperty("author").GetString());

        var view = await agent.Client.GetFromJsonAsync<JsonElement>($"{Console}/conversations/{id}");
        var messages = view.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(["customer", "note", "system", "agent"], messages.Select(m => m.GetProperty("author").GetString()));
        Assert.Equal("Taken by Neha Kapoor", messages[2].GetProperty("body").GetString());
        Assert.Equal("Neha Kapoor", messages[1].GetProperty("authorName").GetString());
        Assert.Equal("Kavya Menon", view.GetProperty("customer").GetProperty("name").GetString());
        Assert.Equal(customer.Email, view.GetProperty("customer").GetProperty("email").GetString());
        Assert.Equal(orderNumber, view.GetProperty("orders")[0].GetProperty("number").GetString());
        Assert.Equal(productTitle, Assert.Single(view.GetProperty("cart").EnumerateArray()).GetProperty("title").GetString());
        Assert.Equal("pending", view.GetProperty("status").GetString());
        Assert.Equal(agent.Id.ToString(), view.GetProperty("assigneeId").GetString());

        var page = await (await app.CookieClientAsync(agent.Email)).GetStringAsync($"/support/console/conversations/{id}");
        Assert.Contains("Courier lost it", page);
        Assert.Contains("Internal note", page);
        Assert.Contains($"/admin/orders/", page);
        Assert.Contains(orderNumber, page);

        // The customer's side: the API, their list, the page and the desk itself never show the note.
        var own = await customer.Client.GetStringAsync($"{Conversations}/{id}");
        Assert.DoesNotContain("Courier lost it", own);
        Assert.Contains("Sorry! We are on it.", own);
        Assert.DoesNotContain("Courier lost it", await customer.Client.GetStringAsync(Conversations));
        Assert.DoesNotContain("Courier lost it", await (await app.CookieClientAsync(customer.Email)).GetStringAsync($"/account/support/{id}"));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var seen = await scope.ServiceProvider.GetRequiredService<SupportDesk>().FindAsync(Guid.Parse(id), new SupportViewer(customer.Id, null));
            Assert.DoesNotContain(seen!.Messages, m => m.Body.Contains("Courier"));
            Assert.Equal(3, seen.Messages.Count);
            // The agent read it all: the customer's message shows as read.
            Assert.True(seen.SupportReadUpTo >= seen.Messages[0].Id);
        }
    }

    [Fact]
    public async Task Take_transfer_priority_resolve_and_reopen_leave_events_and_keep_their_rules()
    {
        var customer = await UserAsync("asker", "Rohan Das");
        var neha = await UserAsync("neha", "Neha Kapoor", "support");
        var vikram = await UserAsync("vikram", "Vikram Shah", "admin");
        var shopper = await UserAsync("shopper", "Just Shopping");
        var id = await StartAsync(customer.Client, "My coupon did not apply at checkout.");
        var path = $"{Console}/conversations/{id}";

        await Expect(neha.Client.PostAsync($"{path}/take", null), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Conflict, (await neha.Client.PostAsync($"{path}/take", null)).StatusCode);
        var toShopper = await neha.Client.PostAsJsonAsync($"{path}/transfer", new { agentId = shopper.Id });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, toShopper.StatusCode);
        Assert.Contains("not a support agent", await toShopper.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await neha.Client.PostAsJsonAsync($"{path}/transfer", new { agentId = Guid.NewGuid() })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await neha.Client.PostAsJsonAsync($"{path}/transfer", new { })).StatusCode);
        await Expect(neha.Client.PostAsJsonAsync($"{path}/transfer", new { agentId = vikram.Id }), HttpStatusCode.OK);

        await Expect(vikram.Client.PostAsJsonAsync($"{path}/priority", new { priority = "high" }), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Conflict, (await vikram.Client.PostAsJsonAsync($"{path}/priority", new { priority = "high" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await vikram.Client.PostAsJsonAsync($"{path}/priority", new { priority = "critical" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await vikram.Client.PostAsync($"{path}/reopen", null)).StatusCode);
        await Expect(vikram.Client.PostAsync($"{path}/resolve", null), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Conflict, (await vikram.Client.PostAsync($"{path}/resolve", null)).StatusCode);
        Assert.Equal("resolved", (await customer.Client.GetFromJsonAsync<JsonElement>($"{Conversations}/{id}")).GetProperty("status").GetString());
        await Expect(neha.Client.PostAsync($"{path}/reopen", null), HttpStatusCode.OK);

        var view = await vikram.Client.GetFromJsonAsync<JsonElement>(path);
        Assert.Equal("open", view.GetProperty("status").GetString());
        Assert.Equal("high", view.GetProperty("priority").GetString());
        Assert.Equal("Vikram Shah", view.GetProperty("assigneeName").GetString());
        Assert.Equal(["Taken by Neha Kapoor", "Transferred to Vikram Shah", "Priority set to high", "Resolved", "Reopened"],
            view.GetProperty("messages").EnumerateArray().Where(m => m.GetProperty("author").GetString() == "system").Select(m => m.GetProperty("body").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await neha.Client.PostAsync($"{Console}/conversations/{Guid.NewGuid()}/take", null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await neha.Client.PostAsJsonAsync($"{path}/replies", new { body = "   " })).StatusCode);
    }

    [Fact]
    public async Task Snoozing_only_goes_into_the_future_and_the_wake_up_job_brings_due_conversations_back()
    {
        var customer = await UserAsync("sleeper", "Meera Iyer");
        var agent = await UserAsync("agent", "Neha Kapoor", "support");
        var later = await StartAsync(customer.Client, "Please check my refund next week.");
        var sooner = await StartAsync(customer.Client, "Call me about the invoice tomorrow.");

        var past = await agent.Client.PostAsJsonAsync($"{Console}/conversations/{later}/snooze", new { until = clock.GetUtcNow().AddMinutes(-1) });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, past.StatusCode);
        Assert.Contains("future", await past.Content.ReadAsStringAsync());
        await Expect(agent.Client.PostAsJsonAsync($"{Console}/conversations/{later}/snooze", new { until = clock.GetUtcNow().AddDays(7) }), HttpStatusCode.OK);
        await Expect(agent.Client.PostAsJsonAsync($"{Console}/conversations/{sooner}/snooze", new { until = clock.GetUtcNow().AddHours(2) }), HttpStatusCode.OK);
        var snoozed = await QueueAsync(agent.Client, "status=snoozed");
        Assert.Contains(later, Ids(snoozed));
        Assert.Contains(sooner, Ids(snoozed));
        Assert.DoesNotContain(sooner, Ids(await QueueAsync(agent.Client, "")));

        var job = app.Services.GetRequiredService<SnoozeWakeUp>();
        Assert.Equal(0, await job.WakeDueAsync());
        clock.Advance(TimeSpan.FromHours(3));
        // The job also runs on its own timer; whichever round comes first wakes it, and only once.
        await job.WakeDueAsync();
        Assert.Equal(0, await job.WakeDueAsync());

        agent = agent with { Client = await ClientAsync(agent.Email) };
        var open = await QueueAsync(agent.Client, "");
        Assert.Contains(sooner, Ids(open));
        Assert.DoesNotContain(later, Ids(open));
        var woken = await agent.Client.GetFromJsonAsync<JsonElement>($"{Console}/conversations/{sooner}");
        Assert.Equal("Snooze ended", woken.GetProperty("messages").EnumerateArray().Last().GetProperty("body").GetString());
        Assert.Single(woken.GetProperty("messages").EnumerateArray(), m => m.GetProperty("body").GetString() == "Snooze ended");
        Assert.Equal("open", woken.GetProperty("status").GetString());

        // The customer's own words wake a snoozed conversation at once.
        await Expect((await ClientAsync(customer.Email)).PostAsJsonAsync($"{Conversations}/{later}/messages", new { body = "Any news?" }), HttpStatusCode.Created);
        Assert.Contains(later, Ids(await QueueAsync(agent.Client, "")));
    }

    [Fact]
    public async Task The_queue_filters_by_status_channel_assignee_and_priority_searches_messages_and_notes_and_pages()
    {
        var agent = await UserAsync("filter", "Neha Kapoor", "support");
        var other = await UserAsync("other", "Vikram Shah", "support");
        var customer = await UserAsync("filtered", "Anil Kumar");
        var marker = Guid.NewGuid().ToString("N")[..10];
        var mine = await StartAsync(customer.Client, $"Saree colour {marker} faded after one wash.");
        var theirs = await StartAsync(customer.Client, $"Kurta {marker} stitching came apart.");
        var nobodys = await StartGuestAsync("Lakshmi N", $"Was I charged twice for {marker}? 100% sure_twice");
        await Expect(agent.Client.PostAsync($"{Console}/conversations/{mine}/take", null), HttpStatusCode.OK);
        await Expect(other.Client.PostAsync($"{Console}/conversations/{theirs}/take", null), HttpStatusCode.OK);
        await Expect(other.Client.PostAsJsonAsync($"{Console}/conversations/{theirs}/priority", new { priority = "urgent" }), HttpStatusCode.OK);
        await Expect(agent.Client.PostAsJsonAsync($"{Console}/conversations/{mine}/notes", new { body = $"Dye batch {marker}-B7 is faulty" }), HttpStatusCode.Created);

        Assert.Equal([theirs, mine, nobodys], Ids(await QueueAsync(agent.Client, $"q={marker}")));
        Assert.Equal([mine], Ids(await QueueAsync(agent.Client, $"q={marker}&assignee=me")));
        Assert.Equal([theirs], Ids(await QueueAsync(agent.Client, $"q={marker}&assignee={other.Id}")));
        Assert.Equal([nobodys], Ids(await QueueAsync(agent.Client, $"q={marker}&assignee=unassigned")));
        Assert.Equal([theirs], Ids(await QueueAsync(agent.Client, $"q={marker}&priority=urgent")));
        Assert.Equal([theirs, mine, nobodys], Ids(await QueueAsync(agent.Client, $"q={marker}&channel=contactForm")));
        Assert.Empty(Ids(await QueueAsync(agent.Client, $"q={marker}&channel=liveChat")));
        // Notes are searched for agents; LIKE's wildcards are plain characters.
        Assert.Equal([mine], Ids(await QueueAsync(agent.Client, $"q={marker}-b7")));
        Assert.Equal([nobodys], Ids(await QueueAsync(agent.Client, $"q={Uri.EscapeDataString("100% sure_")}")));
        Assert.Empty(Ids(await QueueAsync(agent.Client, $"q={marker}%25kurta")));

        await Expect(agent.Client.PostAsJsonAsync($"{Console}/conversations/{mine}/replies", new { body = "Send us a photo, please." }), HttpStatusCode.Created);
        Assert.Equal([theirs, nobodys], Ids(await QueueAsync(agent.Client, $"q={marker}")));
        Assert.Equal([mine], Ids(await QueueAsync(agent.Client, $"q={marker}&status=pending")));
        Assert.Equal(3, Ids(await QueueAsync(agent.Client, $"q={marker}&status=all")).Count);

        var first = await QueueAsync(agent.Client, $"q={marker}&status=all&pageSize=2");
        var second = await QueueAsync(agent.Client, $"q={marker}&status=all&pageSize=2&page=2");
        Assert.Equal(3, first.GetProperty("total").GetInt32());
        Assert.Equal(3, Ids(first).Concat(Ids(second)).Distinct().Count());

        var guestRow = (await QueueAsync(agent.Client, $"q={marker}&assignee=unassigned")).GetProperty("items")[0];
        Assert.Equal("Lakshmi N", guestRow.GetProperty("customerName").GetString());
        Assert.True(guestRow.GetProperty("guest").GetBoolean());
        Assert.Equal(1, guestRow.GetProperty("unread").GetInt32());

        foreach (var bad in new[] { "status=sleeping", "channel=fax", "priority=critical", "assignee=someone" })
            Assert.Equal(HttpStatusCode.BadRequest, (await agent.Client.GetAsync($"{Console}/queue?{bad}")).StatusCode);

        var page = await (await app.CookieClientAsync(agent.Email)).GetStringAsync($"/support/console?q={marker}&status=all");
        Assert.Contains("Lakshmi N", page);
        Assert.Contains("Anil Kumar", page);
    }

    [Fact]
    public async Task Canned_replies_are_kept_by_shortcut_and_a_leading_shortcut_expands_when_the_reply_is_sent()
    {
        var agent = await UserAsync("canned", "Neha Kapoor", "support");
        var customer = await UserAsync("returner", "Priya Raman");
        var shortcut = "ret-" + Guid.NewGuid().ToString("N")[..6];
        var created = await Expect(agent.Client.PostAsJsonAsync($"{Console}/canned-replies",
            new { shortcut = "/" + shortcut.ToUpperInvariant(), title = "Returns", body = "Hi {name}, returns are free within 7 days." }), HttpStatusCode.Created);
        Assert.Equal(shortcut, created.GetProperty("shortcut").GetString());
        var duplicate = await agent.Client.PostAsJsonAsync($"{Console}/canned-replies", new { shortcut, title = "Again", body = "Twice" });
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        Assert.Contains("already has the shortcut", await duplicate.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await agent.Client.PostAsJsonAsync($"{Console}/canned-replies", new { shortcut = "no spaces!", title = "Bad", body = "Bad" })).StatusCode);
        Assert.Contains(shortcut, await agent.Client.GetStringAsync($"{Console}/canned-replies"));
        var managed = await (await app.CookieClientAsync(agent.Email)).GetAsync("/support/console/canned-replies");
        Assert.True(managed.StatusCode == HttpStatusCode.OK, await managed.Content.ReadAsStringAsync());
        Assert.Contains($"/{shortcut}", await managed.Content.ReadAsStringAsync());

        var id = await StartAsync(customer.Client, "Can I return a saree I did not like?");
        var expanded = await Expect(agent.Client.PostAsJsonAsync($"{Console}/conversations/{id}/replies", new { body = $"/{shortcut}" }), HttpStatusCode.Created);
        Assert.Equal("Hi Priya, returns are free within 7 days.", expanded.GetProperty("body").GetString());
        var withMore = await Expect(agent.Client.PostAsJsonAsync($"{Console}/conversations/{id}/replies", new { body = $"/{shortcut} Start from Your orders." }), HttpStatusCode.Created);
        Assert.Equal("Hi Priya, returns are free within 7 days.\n\nStart from Your orders.", withMore.GetProperty("body").GetString());
        var unknown = await agent.Client.PostAsJsonAsync($"{Console}/conversations/{id}/replies", new { body = "/no-such-reply" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("/no-such-reply", await unknown.Content.ReadAsStringAsync());
        var plain = await Expect(agent.Client.PostAsJsonAsync($"{Console}/conversations/{id}/replies", new { body = "50/50 chance, / not a shortcut" }), HttpStatusCode.Created);
        Assert.Equal("50/50 chance, / not a shortcut", plain.GetProperty("body").GetString());
        Assert.Contains("Hi Priya, returns are free", await customer.Client.GetStringAsync($"{Conversations}/{id}"));

        var changed = await Expect(agent.Client.PutAsJsonAsync($"{Console}/canned-replies/{created.GetProperty("id").GetString()}",
            new { shortcut, title = "Returns", body = "Returns: 10 days now." }), HttpStatusCode.OK);
        Assert.Equal("Returns: 10 days now.", changed.GetProperty("body").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await agent.Client.DeleteAsync($"{Console}/canned-replies/{created.GetProperty("id").GetString()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await agent.Client.DeleteAsync($"{Console}/canned-replies/{created.GetProperty("id").GetString()}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await agent.Client.PostAsJsonAsync($"{Console}/conversations/{id}/replies", new { body = $"/{shortcut}" })).StatusCode);
    }

    [Fact]
    public async Task A_resolved_conversation_is_rated_once_per_resolution_and_the_figures_count_it_for_the_agent()
    {
        var customer = await UserAsync("rater", "Farah Khan");
        var stranger = await UserAsync("stranger", "Not Farah");
        var agent = await UserAsync("rated", "Zoya Ali", "support");
        var id = await StartAsync(customer.Client, "The blender arrived without its lid.");
        var rating = $"{Conversations}/{id}/rating";

        Assert.Equal(HttpStatusCode.Conflict, (await customer.Client.PostAsJsonAsync(rating, new { score = 5 })).StatusCode);
        await Expect(agent.Client.PostAsJsonAsync($"{Console}/conversations/{id}/replies", new { body = "A new lid is on its way." }), HttpStatusCode.Created);
        await Expect(agent.Client.PostAsync($"{Console}/conversations/{id}/resolve", null), HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Client.PostAsJsonAsync(rating, new { score = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().PostAsJsonAsync(rating, new { score = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await customer.Client.PostAsJsonAsync(rating, new { score = 6 })).StatusCode);
        await Expect(customer.Client.PostAsJsonAsync(rating, new { score = 2, comment = "Slow" }), HttpStatusCode.OK);
        var replaced = await Expect(customer.Client.PostAsJsonAsync(rating, new { score = 4, comment = "Quick in the end" }), HttpStatusCode.OK);
        Assert.Equal(4, replaced.GetProperty("score").GetInt32());
        Assert.Equal(4, (await agent.Client.GetFromJsonAsync<JsonElement>($"{Console}/conversations/{id}")).GetProperty("rating").GetProperty("score").GetInt32());

        var figure = await FigureAsync(agent);
        Assert.Equal(1, figure.GetProperty("resolved").GetInt32());
        Assert.Equal(1, figure.GetProperty("ratings").GetInt32());
        Assert.Equal(4.0, figure.GetProperty("averageRating").GetDouble());
        Assert.Equal(1, figure.GetProperty("firstResponses").GetInt32());

        // Reopened by the customer and resolved again: a second resolution, rated on its own.
        await Expect(customer.Client.PostAsJsonAsync($"{Conversations}/{id}/messages", new { body = "The lid does not fit." }), HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.Conflict, (await customer.Client.PostAsJsonAsync(rating, new { score = 1 })).StatusCode);
        await Expect(agent.Client.PostAsync($"{Console}/conversations/{id}/resolve", null), HttpStatusCode.OK);
        await Expect(customer.Client.PostAsJsonAsync(rating, new { score = 5 }), HttpStatusCode.OK);
        figure = await FigureAsync(agent);
        Assert.Equal(2, figure.GetProperty("resolved").GetInt32());
        Assert.Equal(2, figure.GetProperty("ratings").GetInt32());
        Assert.Equal(4.5, figure.GetProperty("averageRating").GetDouble());

        // A guest rates through the signed link.
        var guest = app.CreateClient();
        var started = await Expect(guest.PostAsJsonAsync(Conversations, new { topic = "other", message = "Do you ship to Bhutan?", name = "Tashi D", email = ApiClient.NewEmail("guest") }), HttpStatusCode.Created);
        var guestId = started.GetProperty("id").GetString();
        await Expect(agent.Client.PostAsync($"{Console}/conversations/{guestId}/resolve", null), HttpStatusCode.OK);
        var access = Uri.EscapeDataString(started.GetProperty("accessToken").GetString()!);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().PostAsJsonAsync($"{Conversations}/{guestId}/rating", new { score = 3 })).StatusCode);
        await Expect(app.CreateClient().PostAsJsonAsync($"{Conversations}/{guestId}/rating?access={access}", new { score = 3 }), HttpStatusCode.OK);

        var page = await (await app.CookieClientAsync(agent.Email)).GetStringAsync("/support/console/figures");
        Assert.Contains("Zoya Ali", page);
    }

    [Fact]
    public async Task New_requests_reach_every_agent_in_the_app_and_by_email_only_while_nobody_is_online()
    {
        var agent = await UserAsync("alerted", "Neha Kapoor", "support");
        var admin = await UserAsync("boss", "Vikram Shah", "admin");
        var customer = await UserAsync("alerting", "Dev Patel");
        availability.Online = false;
        var offline = await StartAsync(customer.Client, "Nobody is online to read this one.");

        var mail = await app.WaitForMailAsync(agent.Email, "New support request");
        Assert.Contains("Nobody is online to read this one.", mail.Text);
        Assert.Contains($"/support/console/conversations/{offline}", mail.Text);
        Assert.Contains("Dev Patel", mail.Text);
        await app.WaitForMailAsync(admin.Email, "New support request");
        await Eventually.TrueAsync(async () => (await agent.Client.GetStringAsync("/api/v1/notifications")).Contains(offline), "the in-app notice for the agent");

        availability.Online = true;
        var online = await StartAsync(customer.Client, "An agent is online for this one.");
        await Eventually.TrueAsync(async () => (await agent.Client.GetStringAsync("/api/v1/notifications")).Contains(online), "the in-app notice while agents are online");
        // The in-app entry and any email are queued in one transaction: with the entry there, no email was.
        await using (var connection = new Npgsql.NpgsqlConnection(app.ConnectionString))
        {
            await connection.OpenAsync();
            await using var count = new Npgsql.NpgsqlCommand(
                "SELECT count(*) FROM notifications.emails WHERE kind = 'support-new-ticket' AND text_body LIKE '%' || @id || '%'", connection);
            count.Parameters.AddWithValue("id", online);
            Assert.Equal(0L, (long)(await count.ExecuteScalarAsync())!);
            count.Parameters["id"].Value = offline;
            Assert.True((long)(await count.ExecuteScalarAsync())! >= 2);
        }
        Assert.DoesNotContain(smtp.Mail(), m => m.To.Contains(customer.Email, StringComparison.OrdinalIgnoreCase) && m.Subject.Contains("New support request"));
        availability.Online = false;
    }

    [Fact]
    public async Task Customers_and_sellers_cannot_reach_the_console_pages_or_api()
    {
        var customer = await UserAsync("nosy", "Nosy Parker");
        var seller = await UserAsync("seller", "Sunil Seller", "seller");
        var id = await StartAsync(customer.Client, "Let me see the queue, please.");
        foreach (var client in new[] { customer.Client, seller.Client })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"{Console}/queue")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"{Console}/conversations/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync($"{Console}/conversations/{id}/notes", new { body = "sneaky" })).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync($"{Console}/queue")).StatusCode);
        var page = await (await app.CookieClientAsync(customer.Email)).GetAsync("/support/console");
        Assert.NotEqual(HttpStatusCode.OK, page.StatusCode);
    }

    internal sealed record User(HttpClient Client, Guid Id, string Email);

    private async Task<User> UserAsync(string who, string name, params string[] roles)
    {
        var email = ApiClient.NewEmail(who);
        await app.RegisterConfirmedAsync(email, name: name);
        if (roles.Length > 0)
            await app.GrantRolesAsync(email, roles);
        return new User(await ClientAsync(email), await app.UserIdAsync(email), email);
    }

    private async Task<HttpClient> ClientAsync(string email) => app.BearerClient((await app.LoginAsync(email)).AccessToken);

    private static async Task<string> StartAsync(HttpClient customer, string message) =>
        (await Expect(customer.PostAsJsonAsync(Conversations, new { topic = "order", message }), HttpStatusCode.Created)).GetProperty("id").GetString()!;

    private async Task<string> StartGuestAsync(string name, string message) =>
        (await Expect(app.CreateClient().PostAsJsonAsync(Conversations, new { topic = "payment", message, name, email = ApiClient.NewEmail("guest") }), HttpStatusCode.Created))
            .GetProperty("id").GetString()!;

    private async Task<(string OrderNumber, string ProductTitle)> OrderAndCartAsync(HttpClient customer)
    {
        var catalog = await CatalogClient.CreateAsync(app);
        var category = await catalog.CategoryAsync("Console");
        var title = CatalogClient.Unique("Banarasi Silk Saree");
        var product = await catalog.ProductAsync(title, category.GetProperty("id").GetString()!,
            [CatalogClient.Variant("CON-" + Guid.NewGuid().ToString("N")[..8], 4999m, stock: 5)]);
        var variant = Guid.Parse(product.GetProperty("variants")[0].GetProperty("id").GetString()!);
        await customer.AddToCartAsync(variant);
        var order = await Expect(customer.CheckoutAsync(email: null), HttpStatusCode.Created);
        await customer.AddToCartAsync(variant);
        return (order.GetProperty("number").GetString()!, title);
    }

    private static async Task<JsonElement> QueueAsync(HttpClient agent, string query) =>
        await Expect(agent.GetAsync($"{Console}/queue?{query}"), HttpStatusCode.OK);

    private static List<string> Ids(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList();

    private static async Task<JsonElement> FigureAsync(User agent) =>
        (await agent.Client.GetFromJsonAsync<JsonElement>($"{Console}/figures?days=7")).GetProperty("agents").EnumerateArray()
            .Single(a => a.GetProperty("agentId").GetString() == agent.Id.ToString());

    private static async Task<JsonElement> Expect(Task<HttpResponseMessage> call, HttpStatusCode status) => await CatalogClient.Expect(await call, status);
}

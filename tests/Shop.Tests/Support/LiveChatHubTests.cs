using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shop.Testing;
using Shop.Web.Modules.Support.Chat;
using Shop.Web.Modules.Support.Data;
using Shop.Web.Platform.Database;

namespace Shop.Tests.Support;

/// <summary>
/// Live chat through the real hub with the .NET SignalR client: who may join which conversation (own,
/// signed guest token, support), catch-up after a message id with each message exactly once, notes that
/// reach only agents, refused input, typing and read events, and the same actions over HTTP.
/// </summary>
public sealed class LiveChatHubTests : IAsyncLifetime
{
    private const string Chats = LiveChatSteps.Chats;
    private ShopAppFactory app = null!;
    private readonly List<HubConnection> connections = [];

    public async Task InitializeAsync() => app = await new ShopAppFactory().StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var connection in connections)
            await connection.DisposeAsync();
        await app.DisposeAsync();
    }

    [Fact]
    public async Task A_guest_chats_with_an_agent_live_and_each_side_gets_each_message_once_while_notes_stay_with_agents()
    {
        var (id, token) = await GuestChatAsync("Where is my parcel, please?");
        var guest = await ConnectAsync();
        var guestInbox = Listen(guest);
        var first = Assert.Single(await guest.InvokeAsync<List<ChatMessage>>("Join", id, token, 0L));
        Assert.Equal(("customer", "Meera Iyer", "Where is my parcel, please?"), (first.Author, first.AuthorName, first.Body));

        // An agent coming online takes the waiting chat; the guest sees it happen.
        var agent = await ConnectAsync(await BearerAsync("agent", "support"));
        var agentInbox = Listen(agent);
        await Eventually.TrueAsync(() => Task.FromResult(guestInbox.Messages.Any(m => m.Author == "system" && m.Body == "Assigned to Asha Rao")), "the assignment at the guest");
        Assert.Equal(["customer", "system"], (await agent.InvokeAsync<List<ChatMessage>>("Join", id, null, 0L)).Select(m => m.Author));

        var reply = await agent.InvokeAsync<ChatMessage>("Send", id, null, "It left our warehouse today.");
        Assert.Equal(("agent", "Asha"), (reply.Author, reply.AuthorName));
        var received = await Eventually.GetAsync(() => Task.FromResult(guestInbox.Messages.Where(m => m.Author == "agent").ToList()), m => m.Count > 0, "the reply at the guest");
        Assert.Equal(reply.Id, Assert.Single(received).Id);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
            var conversation = await db.Set<Conversation>().SingleAsync(c => c.Id == id);
            var note = conversation.Post(AuthorKind.Note, await app.UserIdAsync(agentInbox.Email!), "Customer is polite; parcel is with the courier.", DateTimeOffset.UtcNow);
            db.Add(note);
            await db.SaveChangesAsync();
            await app.Services.GetRequiredService<SupportPush>().MessageStoredAsync(id, note.Id);
        }
        await Eventually.TrueAsync(() => Task.FromResult(agentInbox.Notes.Count == 1), "the note at the agent");

        var mine = await guest.InvokeAsync<ChatMessage>("Send", id, token, "Thank you!");
        await Eventually.TrueAsync(() => Task.FromResult(agentInbox.Messages.Any(m => m.Id == mine.Id)), "the guest's message at the agent");
        await Eventually.TrueAsync(() => Task.FromResult(guestInbox.Messages.Any(m => m.Id == mine.Id)), "the guest's message echoed to the guest");
        Assert.Empty(guestInbox.Notes);
        // Snapshots: comparing a queue's count with its distinct ids while pushes still arrive would race.
        ChatMessage[] atGuest = [.. guestInbox.Messages], atAgent = [.. agentInbox.Messages];
        Assert.DoesNotContain(atGuest, m => m.Author == "note");
        Assert.Equal(atGuest.Length, atGuest.Select(m => m.Id).Distinct().Count());
        Assert.Equal(atAgent.Length, atAgent.Select(m => m.Id).Distinct().Count());
        Assert.DoesNotContain(await guest.InvokeAsync<List<ChatMessage>>("Join", id, token, 0L), m => m.Author == "note");
        Assert.Contains(await agent.InvokeAsync<List<ChatMessage>>("Join", id, null, 0L), m => m.Author == "note");
    }

    [Fact]
    public async Task Nobody_joins_another_customers_conversation_or_a_guests_without_its_signed_token_and_the_connection_survives_refusals()
    {
        var (owner, _) = await app.SignedInClientAsync("owner");
        var started = await CatalogClient.Expect(await owner.PostAsJsonAsync(Chats, new { message = "My order is late." }), HttpStatusCode.Created);
        var ownId = started.GetProperty("id").GetGuid();
        Assert.Equal("liveChat", started.GetProperty("channel").GetString());
        var (guestId, guestToken) = await GuestChatAsync("Do you ship to Pune?");
        var (otherGuestId, otherToken) = await GuestChatAsync("Do you ship to Goa?");

        var stranger = await ConnectAsync(await BearerAsync("stranger"));
        var ownerHub = await ConnectAsync(owner.DefaultRequestHeaders.Authorization!.Parameter);
        var anonymous = await ConnectAsync();

        var refusals = new List<HubException>
        {
            await Assert.ThrowsAsync<HubException>(() => stranger.InvokeAsync<List<ChatMessage>>("Join", ownId, null, 0L)),
            await Assert.ThrowsAsync<HubException>(() => stranger.InvokeAsync<ChatMessage>("Send", ownId, null, "Let me in")),
            await Assert.ThrowsAsync<HubException>(() => anonymous.InvokeAsync<List<ChatMessage>>("Join", guestId, null, 0L)),
            await Assert.ThrowsAsync<HubException>(() => anonymous.InvokeAsync<List<ChatMessage>>("Join", guestId, otherToken, 0L)),
            await Assert.ThrowsAsync<HubException>(() => anonymous.InvokeAsync<List<ChatMessage>>("Join", guestId, guestToken + "x", 0L)),
            await Assert.ThrowsAsync<HubException>(() => anonymous.InvokeAsync<List<ChatMessage>>("Join", guestId, "forged-token", 0L)),
            await Assert.ThrowsAsync<HubException>(() => anonymous.InvokeAsync("Typing", ownId, null)),
            await Assert.ThrowsAsync<HubException>(() => anonymous.InvokeAsync("Read", ownId, null, 1L)),
            await Assert.ThrowsAsync<HubException>(() => anonymous.InvokeAsync("SetStatus", "online")),
        };
        Assert.All(refusals.Take(8), refusal => Assert.Contains("does not exist, or it is not yours", refusal.Message));

        // Refused calls leave the connections working for what is theirs.
        Assert.Single(await anonymous.InvokeAsync<List<ChatMessage>>("Join", otherGuestId, otherToken, 0L));
        Assert.Single(await ownerHub.InvokeAsync<List<ChatMessage>>("Join", ownId, null, 0L));
        Assert.Equal(HubConnectionState.Connected, stranger.State);

        var http = await app.CreateClient().GetAsync($"{Chats}/{guestId}/messages?access={Uri.EscapeDataString(otherToken)}");
        Assert.Equal(HttpStatusCode.NotFound, http.StatusCode);
    }

    [Fact]
    public async Task A_client_that_reconnects_catches_up_after_its_last_message_id_with_each_message_exactly_once()
    {
        var (id, token) = await GuestChatAsync("Is the blue kurta in stock?");
        var agent = await ConnectAsync(await BearerAsync("agent", "support"));
        await agent.InvokeAsync<List<ChatMessage>>("Join", id, null, 0L);

        var guest = await ConnectAsync();
        var seen = await guest.InvokeAsync<List<ChatMessage>>("Join", id, token, 0L);
        var lastSeen = seen[^1].Id;
        await guest.StopAsync();

        var missed = new List<long>();
        foreach (var text in new[] { "Let me check.", "Yes, in M and L.", "Shall I hold one?" })
            missed.Add((await agent.InvokeAsync<ChatMessage>("Send", id, null, text)).Id);

        var again = await ConnectAsync();
        var inbox = Listen(again);
        var caughtUp = await again.InvokeAsync<List<ChatMessage>>("Join", id, token, lastSeen);
        Assert.Equal(["Let me check.", "Yes, in M and L.", "Shall I hold one?"], caughtUp.Where(m => m.Author == "agent").Select(m => m.Body));
        Assert.Equal(caughtUp.Select(m => m.Id).Order(), caughtUp.Select(m => m.Id));
        Assert.All(caughtUp, m => Assert.True(m.Id > lastSeen));
        Assert.Empty(await again.InvokeAsync<List<ChatMessage>>("Join", id, token, caughtUp[^1].Id));

        var next = await agent.InvokeAsync<ChatMessage>("Send", id, null, "It is on hold for you.");
        await Eventually.TrueAsync(() => Task.FromResult(inbox.Messages.Any(m => m.Id == next.Id)), "the next reply");
        Assert.Single(inbox.Messages, m => m.Id == next.Id);

        var overHttp = await app.CreateClient().GetFromJsonAsync<List<ChatMessage>>($"{Chats}/{id}/messages?after={lastSeen}&access={Uri.EscapeDataString(token)}", Json);
        Assert.Equal(caughtUp.Select(m => m.Id).Append(next.Id), overHttp!.Select(m => m.Id));
    }

    [Fact]
    public async Task Empty_too_long_and_NUL_messages_are_refused_with_a_clear_message_over_the_hub_and_HTTP()
    {
        var (id, token) = await GuestChatAsync("Hello there");
        var guest = await ConnectAsync();
        await guest.InvokeAsync<List<ChatMessage>>("Join", id, token, 0L);

        Assert.Contains("Write a message", (await Assert.ThrowsAsync<HubException>(() => guest.InvokeAsync<ChatMessage>("Send", id, token, "   "))).Message);
        Assert.Contains("Write a message", (await Assert.ThrowsAsync<HubException>(() => guest.InvokeAsync<ChatMessage>("Send", id, token, null))).Message);
        Assert.Contains("4,000", (await Assert.ThrowsAsync<HubException>(() => guest.InvokeAsync<ChatMessage>("Send", id, token, new string('a', 4001)))).Message);
        Assert.Contains("NUL", (await Assert.ThrowsAsync<HubException>(() => guest.InvokeAsync<ChatMessage>("Send", id, token, "a\0b"))).Message);
        Assert.Single(await guest.InvokeAsync<List<ChatMessage>>("Join", id, token, 0L));

        var client = app.CreateClient();
        var nul = await client.PostAsJsonAsync($"{Chats}/{id}/messages?access={Uri.EscapeDataString(token)}", new { body = "a\0b" });
        Assert.Equal(HttpStatusCode.BadRequest, nul.StatusCode);
        var noEmail = await client.PostAsJsonAsync(Chats, new { name = "Meera", message = "Hi" });
        Assert.Equal(HttpStatusCode.BadRequest, noEmail.StatusCode);
        Assert.True((await noEmail.JsonAsync()).GetProperty("errors").TryGetProperty("Email", out _));
        var ok = await client.PostAsJsonAsync($"{Chats}/{id}/messages?access={Uri.EscapeDataString(token)}", new { body = new string('a', 4000) });
        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
    }

    [Fact]
    public async Task Typing_and_read_positions_reach_the_other_side_and_availability_follows_who_is_online()
    {
        var availability = await app.CreateClient().GetFromJsonAsync<ChatAvailability>($"{Chats}/availability", Json);
        Assert.Equal((false, "No one is online right now – we'll answer by email"), (availability!.Online, availability.Message));

        var (id, token) = await GuestChatAsync("Can I change my address?");
        var agent = await ConnectAsync(await BearerAsync("agent", "support"));
        var agentInbox = Listen(agent);
        await agent.InvokeAsync<List<ChatMessage>>("Join", id, null, 0L);
        var guest = await ConnectAsync();
        var guestInbox = Listen(guest);
        var joined = await guest.InvokeAsync<List<ChatMessage>>("Join", id, token, 0L);

        await guest.InvokeAsync("Typing", id, token);
        await Eventually.TrueAsync(() => Task.FromResult(agentInbox.Typing.Contains("customer")), "the customer typing at the agent");
        await agent.InvokeAsync("Typing", id, null);
        await Eventually.TrueAsync(() => Task.FromResult(guestInbox.Typing.Contains("agent")), "the agent typing at the guest");

        var reply = await agent.InvokeAsync<ChatMessage>("Send", id, null, "Yes, until it ships.");
        await agent.InvokeAsync("Read", id, null, joined[^1].Id);
        await Eventually.TrueAsync(() => Task.FromResult(guestInbox.Reads.Any(r => r.Side == "agent" && r.MessageId >= joined[^1].Id)), "the agent's read receipt");
        await guest.InvokeAsync("Read", id, token, reply.Id);
        await Eventually.TrueAsync(() => Task.FromResult(agentInbox.Reads.Any(r => r.Side == "customer" && r.MessageId == reply.Id)), "the guest's read receipt");
        var state = await guest.InvokeAsync<ChatReadState>("ReadState", id, token);
        Assert.Equal(reply.Id, state.Customer);
        Assert.True(state.Agent >= joined[^1].Id);

        availability = await app.CreateClient().GetFromJsonAsync<ChatAvailability>($"{Chats}/availability", Json);
        Assert.True(availability!.Online);
        Assert.StartsWith("Usually replies in", availability.Message);
        await agent.InvokeAsync("SetStatus", "away");
        availability = await app.CreateClient().GetFromJsonAsync<ChatAvailability>($"{Chats}/availability", Json);
        Assert.False(availability!.Online);
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private Task<(Guid Id, string Token)> GuestChatAsync(string message) => LiveChatSteps.GuestChatAsync(app, message, "/products/blue-kurta");

    private string? lastEmail;

    private async Task<string> BearerAsync(string who, params string[] roles)
    {
        var (client, email) = await app.SignedInClientAsync(who, roles);
        lastEmail = email;
        return client.DefaultRequestHeaders.Authorization!.Parameter!;
    }

    private async Task<HubConnection> ConnectAsync(string? bearer = null)
    {
        var connection = await LiveChatSteps.ConnectAsync(app, bearer);
        connections.Add(connection);
        return connection;
    }

    private Inbox Listen(HubConnection connection)
    {
        var inbox = new Inbox { Email = lastEmail };
        connection.On<ChatMessage>("message", inbox.Messages.Enqueue);
        connection.On<ChatMessage>("note", inbox.Notes.Enqueue);
        connection.On<ChatTyping>("typing", t => inbox.Typing.Enqueue(t.Side));
        connection.On<ChatRead>("read", inbox.Reads.Enqueue);
        return inbox;
    }

    private sealed class Inbox
    {
        public string? Email { get; init; }
        public ConcurrentQueue<ChatMessage> Messages { get; } = new();
        public ConcurrentQueue<ChatMessage> Notes { get; } = new();
        public ConcurrentQueue<string> Typing { get; } = new();
        public ConcurrentQueue<ChatRead> Reads { get; } = new();
    }
}

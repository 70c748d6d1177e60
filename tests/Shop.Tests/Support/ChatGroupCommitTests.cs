using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Shop.Testing;
using Shop.Web.Modules.Support.Chat;

namespace Shop.Tests.Support;

/// <summary>
/// The chat's group commit (ChatWriter): many senders at once are stored in few transactions, each message once,
/// in each sender's order, answered with and pushed as what was stored; a message the batch cannot store is
/// refused alone. To make batches certain, the writer is held on a conversation row locked by the test while
/// the other messages queue behind it. Also: chat messages raise their outbox event only when it is handled.
/// </summary>
public sealed class ChatGroupCommitTests : IAsyncLifetime
{
    private const string Chats = LiveChatSteps.Chats;
    private const int Conversations = 10;
    private const int SendersPerConversation = 4;
    private const int MessagesPerSender = 5;
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
    public async Task Two_hundred_messages_sent_at_once_over_forty_connections_are_stored_once_in_order_by_group_commit_and_pushed_once_and_a_message_to_a_vanished_conversation_is_refused_alone()
    {
        var chats = new List<(Guid Id, string Token)>();
        for (var c = 0; c < Conversations; c++)
            chats.Add(await GuestChatAsync($"Question {c}"));
        var gone = await GuestChatAsync("Never mind");
        var blocker = await GuestChatAsync("Hold on");

        var inboxes = new List<ConcurrentQueue<ChatMessage>>();
        foreach (var (id, token) in chats)
        {
            var listener = await ConnectAsync();
            var inbox = new ConcurrentQueue<ChatMessage>();
            listener.On<ChatMessage>("message", inbox.Enqueue);
            Assert.Single(await listener.InvokeAsync<List<ChatMessage>>("Join", id, token, 0L));
            inboxes.Add(inbox);
        }
        var senders = new List<(HubConnection Connection, int Conversation, int Sender)>();
        for (var c = 0; c < Conversations; c++)
            for (var s = 0; s < SendersPerConversation; s++)
            {
                var sender = await ConnectAsync();
                await sender.InvokeAsync<ChatReadState>("ReadState", chats[c].Id, chats[c].Token);
                senders.Add((sender, c, s));
            }
        // This connection was let into its conversation, which is then deleted: its message reaches the writer and is refused there.
        var goneSender = await ConnectAsync();
        await goneSender.InvokeAsync<ChatReadState>("ReadState", gone.Id, gone.Token);
        await ExecuteAsync("DELETE FROM support.conversations WHERE id = @id", gone.Id);

        var writer = app.Services.GetRequiredService<ChatWriter>();
        IReadOnlyList<ChatMessage>[] sent;
        Task<ChatMessage> refused;
        List<Task<ChatMessage>>[] acks;
        Task<IReadOnlyList<ChatMessage>> held;
        await using (var hold = await HoldAsync(blocker.Id))
        {
            held = writer.StoreAsync(new ChatParticipant(blocker.Id, ChatSide.Customer, null), "Held");
            await hold.WriterWaitingAsync(writer);
            // Each connection's calls run one after the other, so the first message of every connection queues now.
            acks = senders.Select(s => Enumerable.Range(0, MessagesPerSender)
                .Select(n => s.Connection.InvokeAsync<ChatMessage>("Send", chats[s.Conversation].Id, chats[s.Conversation].Token, Body(s.Conversation, s.Sender, n)))
                .ToList()).ToArray();
            refused = goneSender.InvokeAsync<ChatMessage>("Send", gone.Id, gone.Token, "Anyone there?");
            await Eventually.TrueAsync(() => Task.FromResult(writer.Waiting == senders.Count + 1), "the first message of every connection queued");
        }
        sent = await Task.WhenAll(acks.Select(async a => (IReadOnlyList<ChatMessage>)await Task.WhenAll(a)));
        Assert.Contains("no longer exists", (await Assert.ThrowsAsync<HubException>(() => refused)).Message);
        Assert.Equal("Held", Assert.Single(await held).Body);

        // Stored once each, answered with what was stored, in each sender's order.
        var rows = await MessagesAsync("burst %");
        Assert.Equal(senders.Count * MessagesPerSender, rows.Count);
        Assert.Equal(senders.SelectMany(s => Enumerable.Range(0, MessagesPerSender).Select(n => Body(s.Conversation, s.Sender, n))).Order(),
            rows.Select(r => r.Body).Order());
        for (var i = 0; i < senders.Count; i++)
        {
            var (_, c, s) = senders[i];
            Assert.Equal(Enumerable.Range(0, MessagesPerSender).Select(n => Body(c, s, n)), sent[i].Select(m => m.Body));
            Assert.Equal(sent[i].Select(m => m.Id).Order(), sent[i].Select(m => m.Id));
            Assert.All(sent[i], m => Assert.Equal((chats[c].Id, "customer", "Meera Iyer"), (m.ConversationId, m.Author, m.AuthorName)));
            Assert.All(sent[i], m => Assert.Equal(m.Body, rows.Single(r => r.Id == m.Id).Body));
        }
        // The first message of every connection waited behind the held one and went in together: one transaction.
        Assert.Single(rows.Where(r => r.Body.EndsWith("-0")).Select(r => r.Transaction).Distinct());
        Assert.Empty(await MessagesAsync("Anyone there?"));

        // Each conversation's listener is pushed each of its messages once, as stored; the senders read up to their last.
        for (var c = 0; c < Conversations; c++)
        {
            var expected = sent.Where((_, i) => senders[i].Conversation == c).SelectMany(m => m).ToList();
            var inbox = inboxes[c];
            await Eventually.TrueAsync(() => Task.FromResult(expected.All(m => inbox.Any(p => p.Id == m.Id))), $"the pushes of conversation {c}");
            Assert.Equal(expected.Select(m => (m.Id, m.Body, m.AuthorName)).Order(), inbox.Select(m => (m.Id, m.Body, m.AuthorName)).Order());
            var state = await senders.First(s => s.Conversation == c).Connection.InvokeAsync<ChatReadState>("ReadState", chats[c].Id, chats[c].Token);
            Assert.Equal(expected.Max(m => m.Id), state.Customer);
        }
    }

    [Fact]
    public async Task A_message_the_database_refuses_fails_alone_and_the_rest_of_its_batch_is_stored_in_order()
    {
        var (id, _) = await GuestChatAsync("Which sizes are left?");
        var blocker = await GuestChatAsync("Hold on");
        var writer = app.Services.GetRequiredService<ChatWriter>();
        var participant = new ChatParticipant(id, ChatSide.Customer, null);
        var good = new List<Task<IReadOnlyList<ChatMessage>>>();
        Task<IReadOnlyList<ChatMessage>> bad, held;
        await using (var hold = await HoldAsync(blocker.Id))
        {
            held = writer.StoreAsync(new ChatParticipant(blocker.Id, ChatSide.Customer, null), "Held");
            await hold.WriterWaitingAsync(writer);
            for (var i = 0; i < 10; i++)
                good.Add(writer.StoreAsync(participant, $"line {i}"));
            // Longer than the column allows (callers check 4,000 characters first): the batch's insert fails.
            bad = writer.StoreAsync(participant, new string('x', 5000));
            for (var i = 10; i < 20; i++)
                good.Add(writer.StoreAsync(participant, $"line {i}"));
            Assert.Equal(21, writer.Waiting);
        }
        var stored = (await Task.WhenAll(good)).Select(Assert.Single).ToList();
        Assert.Equal("22001", (await Assert.ThrowsAsync<PostgresException>(() => bad)).SqlState);
        Assert.Equal("Held", Assert.Single(await held).Body);

        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"line {i}"), stored.Select(m => m.Body));
        Assert.Equal(stored.Select(m => m.Id).Order(), stored.Select(m => m.Id));
        var rows = await MessagesAsync("line %");
        Assert.Equal(stored.Select(m => (m.Id, m.Body)), rows.Select(r => (r.Id, r.Body)));
        Assert.Empty(await MessagesAsync("xxxxx%"));
    }

    [Fact]
    public async Task A_chat_message_costs_the_outbox_nothing_until_a_webhook_endpoint_subscribes_to_messages_which_then_hears_of_it()
    {
        var (id, token) = await GuestChatAsync("Do you gift-wrap?");
        var client = app.CreateClient();
        var messages = $"{Chats}/{id}/messages?access={Uri.EscapeDataString(token)}";
        await CatalogClient.Expect(await client.PostAsJsonAsync(messages, new { body = "Before any endpoint" }), HttpStatusCode.Created);
        Assert.Equal(0, await PostedEventsAsync(id));

        var (admin, _) = await app.SignedInClientAsync("hooks-admin", "admin");
        var hook = await CatalogClient.Expect(await admin.PostAsJsonAsync("/api/v1/webhooks", new
        {
            url = "https://hooks.example.com/chat",
            events = new[] { "support.message.created" },
        }), HttpStatusCode.Created);
        var endpoint = Guid.Parse(hook.GetProperty("id").GetString()!);
        var after = await CatalogClient.Expect(await client.PostAsJsonAsync(messages, new { body = "After the endpoint" }), HttpStatusCode.Created);

        Assert.Equal(1, await PostedEventsAsync(id));
        var deliveries = await Eventually.GetAsync(() => DeliveryBodiesAsync(endpoint), d => d.Count > 0, "the message-created delivery");
        var delivery = Assert.Single(deliveries);
        Assert.Contains("After the endpoint", delivery);
        Assert.Contains($"\"messageId\":{after.GetProperty("id").GetInt64()}", delivery);
    }

    private static string Body(int conversation, int sender, int n) => $"burst {conversation}-{sender}-{n}";

    private Task<(Guid Id, string Token)> GuestChatAsync(string message) => LiveChatSteps.GuestChatAsync(app, message);

    private async Task<HubConnection> ConnectAsync()
    {
        var connection = await LiveChatSteps.ConnectAsync(app);
        connections.Add(connection);
        return connection;
    }

    private async Task ExecuteAsync(string sql, Guid id)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", id);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<List<(long Id, string Body, long Transaction)>> MessagesAsync(string like)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT id, body, xmin::text::bigint FROM support.messages WHERE body LIKE @like ORDER BY id", connection);
        command.Parameters.AddWithValue("like", like);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(long, string, long)>();
        while (await reader.ReadAsync())
            rows.Add((reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2)));
        return rows;
    }

    private async Task<long> PostedEventsAsync(Guid conversationId)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT count(*) FROM platform.outbox_messages
             WHERE type = 'support.support-message-posted' AND payload->>'conversationId' = @id
            """, connection);
        command.Parameters.AddWithValue("id", conversationId.ToString());
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<List<string>> DeliveryBodiesAsync(Guid endpoint)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT body FROM webhooks.deliveries WHERE endpoint_id = @id AND event_type = 'support.message.created'", connection);
        command.Parameters.AddWithValue("id", endpoint);
        await using var reader = await command.ExecuteReaderAsync();
        var bodies = new List<string>();
        while (await reader.ReadAsync())
            bodies.Add(reader.GetString(0));
        return bodies;
    }

    /// <summary>Locks a conversation row until disposed: the writer's batch with a message of it waits, and what is sent meanwhile queues.</summary>
    private async Task<Hold> HoldAsync(Guid conversationId)
    {
        var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand("SELECT 1 FROM support.conversations WHERE id = @id FOR UPDATE", connection, transaction);
        command.Parameters.AddWithValue("id", conversationId);
        await command.ExecuteNonQueryAsync();
        return new Hold(app.ConnectionString, connection, transaction);
    }

    private sealed class Hold(string connectionString, NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
    {
        /// <summary>Until the writer has taken the held message and waits for the lock in the database.</summary>
        public Task WriterWaitingAsync(ChatWriter writer) => Eventually.TrueAsync(async () =>
        {
            await using var probe = new NpgsqlConnection(connectionString);
            await probe.OpenAsync();
            await using var command = new NpgsqlCommand(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%FOR UPDATE%'", probe);
            return writer.Waiting == 0 && (long)(await command.ExecuteScalarAsync())! == 1;
        }, "the writer waiting for the held conversation");

        public async ValueTask DisposeAsync()
        {
            await transaction.RollbackAsync();
            await connection.DisposeAsync();
        }
    }
}

using Dapper;
using Xunit.Abstractions;

namespace Shop.ClusterTests;

/// <summary>
/// Live chat between people connected to different instances, carried by the Redis backplane; and what
/// happens when an instance dies or Redis restarts mid-conversation: clients reconnect, re-join with their
/// last-seen id and are shown every stored message exactly once, in order. PostgreSQL is the truth.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ChatAcrossInstancesTests(ShopCluster cluster, ITestOutputHelper output)
{
    private const string Agent = "neha.support@bazaar.local";

    [Fact]
    public async Task A_customer_and_an_agent_on_different_instances_chat_both_ways_with_typing_and_read_receipts()
    {
        var (customerSide, agentSide) = (cluster.Instances[0], cluster.Instances[1]);
        var customer = await ShopAccount.SignInAsync(customerSide.Address, "asha@bazaar.local", ShopCluster.DemoPassword);
        var agent = await ShopAccount.SignInAsync(agentSide.Address, Agent, ShopCluster.DemoPassword);
        var conversation = await customer.StartChatAsync(customerSide.Address, "Hello, is my parcel on its way?");

        await using var customerChat = new ChatClient(customerSide.Address, customer.Cookies);
        await using var agentChat = new ChatClient(agentSide.Address, agent.Cookies);
        await customerChat.StartAsync();
        await agentChat.StartAsync();
        Assert.Equal(customerSide.Name, customerChat.Instance);
        Assert.Equal(agentSide.Name, agentChat.Instance);
        await customerChat.JoinAsync(conversation);
        await agentChat.JoinAsync(conversation);
        Assert.Contains(agentChat.Shown, m => m.Author == "customer" && m.Body == "Hello, is my parcel on its way?");

        // Agent to customer, across instances.
        await agentChat.TypingAsync(conversation);
        await customerChat.WaitForAsync(c => c.TypingSignals.Any(t => t.ConversationId == conversation && t.Side == "agent"), "the customer to see the agent typing");
        var reply = await agentChat.SendAsync(conversation, "Yes, it left the warehouse this morning.");
        Assert.Equal("agent", reply.Author);
        await customerChat.WaitToSeeAsync(reply.Id, "the customer");
        Assert.Contains(customerChat.Arrivals, id => id == reply.Id);

        // Customer to agent, across instances.
        await customerChat.TypingAsync(conversation);
        await agentChat.WaitForAsync(c => c.TypingSignals.Any(t => t.ConversationId == conversation && t.Side == "customer"), "the agent to see the customer typing");
        var thanks = await customerChat.SendAsync(conversation, "Thank you!");
        Assert.Equal("customer", thanks.Author);
        await agentChat.WaitToSeeAsync(thanks.Id, "the agent");
        Assert.Contains(agentChat.Arrivals, id => id == thanks.Id);

        // Read receipts both ways.
        await customerChat.ReadAsync(conversation, reply.Id);
        await agentChat.WaitForAsync(c => c.ReadSignals.Any(r => r.Side == "customer" && r.MessageId == reply.Id), "the agent to see the customer's read receipt");
        await agentChat.ReadAsync(conversation, thanks.Id);
        await customerChat.WaitForAsync(c => c.ReadSignals.Any(r => r.Side == "agent" && r.MessageId == thanks.Id), "the customer to see the agent's read receipt");

        var stored = await StoredAsync(conversation);
        Assert.Equal(stored, customerChat.Shown.Select(m => (m.Id, m.Body)));
        Assert.Equal(stored, agentChat.Shown.Select(m => (m.Id, m.Body)));
        await using var db = cluster.Database();
        // The customer read the reply (and their own later message counts as read too).
        Assert.True(reply.Id <= await db.ExecuteScalarAsync<long>(
            "SELECT last_read_message_id FROM support.read_positions WHERE conversation_id = @conversation AND participant_key = 'customer'", new { conversation }));
    }

    [Fact]
    public async Task When_the_customers_instance_is_killed_the_customer_reconnects_through_nginx_to_another_and_sees_every_message_once_in_order()
    {
        var customer = await ShopAccount.SignInAsync(cluster.Nginx.Address, "rahul@bazaar.local", ShopCluster.DemoPassword);
        var conversation = await customer.StartChatAsync(cluster.Nginx.Address, "My order shows delivered but nothing came.");
        await using var customerChat = new ChatClient(cluster.Nginx.Address, customer.Cookies);
        await customerChat.StartAsync();
        var victim = cluster.Instances.Single(i => i.Name == customerChat.Instance);
        var agentSide = cluster.Instances.First(i => i != victim);
        var agent = await ShopAccount.SignInAsync(agentSide.Address, Agent, ShopCluster.DemoPassword);
        await using var agentChat = new ChatClient(agentSide.Address, agent.Cookies);
        await agentChat.StartAsync();
        await customerChat.JoinAsync(conversation);
        await agentChat.JoinAsync(conversation);

        for (var i = 1; i <= 3; i++)
        {
            var fromAgent = await agentChat.SendAsync(conversation, $"Before: agent {i}");
            await customerChat.WaitToSeeAsync(fromAgent.Id, "the customer");
            var fromCustomer = await customerChat.SendAsync(conversation, $"Before: customer {i}");
            await agentChat.WaitToSeeAsync(fromCustomer.Id, "the agent");
        }

        try
        {
            victim.Kill();
            // While the customer is away (its connection is gone), the agent goes on writing.
            var whileAway = new List<ChatMessage>();
            for (var i = 1; i <= 5; i++)
                whileAway.Add(await agentChat.SendAsync(conversation, $"While away: agent {i}"));

            await customerChat.WaitForAsync(c => c.Rejoins >= 1, "the customer to reconnect and re-join");
            Assert.NotEqual(victim.Name, customerChat.Instance);
            Assert.Equal(2, customerChat.Instances.Distinct().Count());
            foreach (var message in whileAway)
                await customerChat.WaitToSeeAsync(message.Id, "the customer, after reconnecting");

            var after = await customerChat.SendAsync(conversation, "After: found it with the neighbour, thanks");
            await agentChat.WaitToSeeAsync(after.Id, "the agent");
            var answer = await agentChat.SendAsync(conversation, "After: glad to hear it");
            await customerChat.WaitToSeeAsync(answer.Id, "the customer");

            var stored = await StoredAsync(conversation);
            Assert.Equal(1 + 6 + 5 + 2, await WrittenAsync(conversation));
            Assert.Equal(stored, customerChat.Shown.Select(m => (m.Id, m.Body)));
            Assert.Equal(stored, agentChat.Shown.Select(m => (m.Id, m.Body)));
            Assert.Equal(stored.Count, stored.Select(m => m.Body).Distinct().Count());
            output.WriteLine($"customer served by {string.Join(" then ", customerChat.Instances)}; {customerChat.Arrivals.Count} pushes, {customerChat.Arrivals.Count - customerChat.Arrivals.Distinct().Count()} repeated");
        }
        finally
        {
            await cluster.RestartAsync(victim);
        }
    }

    [Fact]
    public async Task When_Redis_restarts_mid_conversation_the_messages_stored_meanwhile_are_caught_up_none_lost_or_repeated()
    {
        var (customerSide, agentSide) = (cluster.Instances[2], cluster.Instances[0]);
        var customer = await ShopAccount.SignInAsync(customerSide.Address, "asha@bazaar.local", ShopCluster.DemoPassword);
        var agent = await ShopAccount.SignInAsync(agentSide.Address, Agent, ShopCluster.DemoPassword);
        var conversation = await customer.StartChatAsync(customerSide.Address, "Can I change the size of my order?");
        await using var customerChat = new ChatClient(customerSide.Address, customer.Cookies);
        await using var agentChat = new ChatClient(agentSide.Address, agent.Cookies);
        await customerChat.StartAsync();
        await agentChat.StartAsync();
        await customerChat.JoinAsync(conversation);
        await agentChat.JoinAsync(conversation);
        var before = await agentChat.SendAsync(conversation, "Before: which size would you like?");
        await customerChat.WaitToSeeAsync(before.Id, "the customer");

        await cluster.Redis.KillAsync();
        var meanwhile = new List<ChatMessage>();
        try
        {
            // Stored in PostgreSQL, though no push can cross to the customer's instance now.
            for (var i = 1; i <= 3; i++)
                meanwhile.Add(await agentChat.SendAsync(conversation, $"Meanwhile: agent {i}"));
        }
        finally
        {
            await cluster.Redis.StartAsync();
        }

        // The instances reconnect to Redis and close their live connections; the clients re-join and catch up.
        await customerChat.WaitForAsync(c => c.Rejoins >= 1, "the customer to re-join after Redis returned");
        foreach (var message in meanwhile)
            await customerChat.WaitToSeeAsync(message.Id, "the customer");
        await agentChat.WaitForAsync(c => c.Rejoins >= 1, "the agent to re-join after Redis returned");
        var after = await customerChat.SendAsync(conversation, "After: a medium, please");
        await agentChat.WaitToSeeAsync(after.Id, "the agent");
        var answer = await agentChat.SendAsync(conversation, "After: done");
        await customerChat.WaitToSeeAsync(answer.Id, "the customer");

        var stored = await StoredAsync(conversation);
        Assert.Equal(1 + 1 + 3 + 2, await WrittenAsync(conversation));
        Assert.Equal(stored, customerChat.Shown.Select(m => (m.Id, m.Body)));
        Assert.Equal(stored, agentChat.Shown.Select(m => (m.Id, m.Body)));
        Assert.Equal(stored.Count, stored.Select(m => m.Body).Distinct().Count());
        Assert.Equal(customerSide.Name, customerChat.Instance);
    }

    /// <summary>The customer-visible messages of a conversation as PostgreSQL holds them, oldest first.</summary>
    private async Task<List<(long Id, string Body)>> StoredAsync(Guid conversation)
    {
        await using var db = cluster.Database();
        var rows = await db.QueryAsync<(long, string)>(
            "SELECT id, body FROM support.messages WHERE conversation_id = @conversation AND author_kind <> 'note' ORDER BY id", new { conversation });
        return rows.ToList();
    }

    private async Task<int> WrittenAsync(Guid conversation)
    {
        await using var db = cluster.Database();
        return await db.ExecuteScalarAsync<int>(
            "SELECT count(*) FROM support.messages WHERE conversation_id = @conversation AND author_kind IN ('customer', 'agent')", new { conversation });
    }
}
